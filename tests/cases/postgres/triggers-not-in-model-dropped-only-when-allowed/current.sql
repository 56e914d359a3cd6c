CREATE TABLE items (id int PRIMARY KEY, changed_at timestamptz, legacy text);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.changed_at := now(); RETURN NEW; END$$;
CREATE TRIGGER items_stamp BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION stamp();
CREATE TRIGGER items_legacy BEFORE UPDATE OF legacy ON items FOR EACH ROW EXECUTE FUNCTION stamp();
