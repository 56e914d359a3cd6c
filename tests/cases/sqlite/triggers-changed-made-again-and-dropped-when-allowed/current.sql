CREATE TABLE items (id INTEGER PRIMARY KEY, name text, qty integer, legacy text);
CREATE TABLE log (what text);
CREATE TRIGGER items_kept AFTER INSERT ON ITEMS BEGIN INSERT INTO log VALUES ('kept ' || NEW.name); END;
CREATE TRIGGER "Items_Changed" BEFORE UPDATE OF qty ON items WHEN NEW.qty < 0 BEGIN SELECT RAISE(ABORT, 'negative'); END;
CREATE TRIGGER items_gone AFTER UPDATE OF legacy ON items BEGIN INSERT INTO log VALUES (NEW.legacy); END;
CREATE TRIGGER items_math AFTER DELETE ON items BEGIN INSERT INTO log VALUES ((1 + 1) * 2); END;
