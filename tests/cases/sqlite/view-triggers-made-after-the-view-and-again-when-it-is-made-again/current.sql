CREATE TABLE items (id INTEGER PRIMARY KEY, name text NOT NULL);
CREATE TABLE log (what text NOT NULL);
CREATE VIEW items_v AS SELECT id, name FROM items;
CREATE TRIGGER items_v_insert INSTEAD OF INSERT ON items_v BEGIN INSERT INTO items VALUES (NEW.id, NEW.name); END;
CREATE TRIGGER items_v_forget INSTEAD OF DELETE ON items_v BEGIN DELETE FROM items WHERE id = OLD.id; INSERT INTO log VALUES ('forgot ' || OLD.name); END;
