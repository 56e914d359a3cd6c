CREATE TABLE items (id int PRIMARY KEY, name text, changed_at timestamptz);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.changed_at := now(); RETURN NEW; END$$;
CREATE TRIGGER items_stamp BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION stamp();
CREATE TRIGGER items_paused BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp();
CREATE CONSTRAINT TRIGGER items_check AFTER INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp();
COMMENT ON TRIGGER items_stamp ON items IS 'old';
