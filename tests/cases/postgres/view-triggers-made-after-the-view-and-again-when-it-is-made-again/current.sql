CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE log (what text NOT NULL);
CREATE VIEW items_v AS SELECT id, name FROM items;
CREATE FUNCTION items_v_write() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN
  IF TG_OP = 'INSERT' THEN INSERT INTO items VALUES (NEW.id, NEW.name);
  ELSE UPDATE items SET name = NEW.name WHERE id = OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE FUNCTION items_v_forget() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM items WHERE id = OLD.id; INSERT INTO log VALUES ('forgot ' || OLD.name); RETURN OLD; END $$;
CREATE TRIGGER items_v_insert INSTEAD OF INSERT ON items_v FOR EACH ROW EXECUTE FUNCTION items_v_write();
CREATE TRIGGER items_v_forget INSTEAD OF DELETE ON items_v FOR EACH ROW EXECUTE FUNCTION items_v_forget();
