-- The model cannot declare a trigger on a foreign table (listed as not managed): the function
-- it calls is not the model's either, and stays, even with --allow-drop.
CREATE FOREIGN DATA WRAPPER nowhere;
CREATE SERVER nowhere_server FOREIGN DATA WRAPPER nowhere;
CREATE FOREIGN TABLE remote_events (id int) SERVER nowhere_server;
CREATE FUNCTION stamp_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER remote_events_stamp BEFORE INSERT ON remote_events FOR EACH ROW EXECUTE FUNCTION stamp_event();
CREATE FUNCTION unused() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE TABLE t (id int PRIMARY KEY);
