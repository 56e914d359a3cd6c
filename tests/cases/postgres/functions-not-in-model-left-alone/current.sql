CREATE TABLE t (id int PRIMARY KEY, touched timestamptz);
CREATE FUNCTION unused(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.touched := now(); RETURN NEW; END$$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
