-- The model cannot declare an event trigger (listed as not managed): the function it calls is
-- not the model's either, and stays, even with --allow-drop.
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl();
CREATE TABLE t (id int PRIMARY KEY);
