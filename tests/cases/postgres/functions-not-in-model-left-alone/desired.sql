CREATE TABLE t (id int PRIMARY KEY, touched timestamptz);
CREATE TABLE audit_log (id int PRIMARY KEY);
CREATE FUNCTION unused(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.touched := now(); RETURN NEW; END$$;
CREATE TRIGGER log_touch BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION touch();
