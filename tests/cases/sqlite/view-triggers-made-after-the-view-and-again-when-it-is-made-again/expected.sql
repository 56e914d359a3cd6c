DROP VIEW IF EXISTS "items_v"
;
CREATE VIEW IF NOT EXISTS "items_v" AS SELECT id, name, upper(name) AS shout FROM items
;
CREATE TRIGGER IF NOT EXISTS "items_v_insert" INSTEAD OF INSERT ON "items_v" FOR EACH ROW BEGIN
INSERT INTO items VALUES (NEW.id, NEW.name);
END
;
CREATE TRIGGER IF NOT EXISTS "items_v_update" INSTEAD OF UPDATE OF "name" ON "items_v" FOR EACH ROW BEGIN
UPDATE items SET name = NEW.name WHERE id = OLD.id;
END
;
CREATE TRIGGER IF NOT EXISTS "items_v_forget" INSTEAD OF DELETE ON "items_v" FOR EACH ROW BEGIN
DELETE FROM items WHERE id = OLD.id; INSERT INTO log VALUES ('forgot ' || OLD.name);
END
;
