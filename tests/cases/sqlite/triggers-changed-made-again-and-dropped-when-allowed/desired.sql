CREATE TABLE items (id INTEGER PRIMARY KEY, name text, qty integer);
CREATE TABLE log (what text);
CREATE TRIGGER items_kept AFTER INSERT ON items BEGIN INSERT INTO log VALUES ('kept ' || NEW.name); END;
CREATE TRIGGER items_changed BEFORE UPDATE OF qty ON items WHEN NEW.qty > 100 BEGIN SELECT RAISE(ABORT, 'too many'); END;
CREATE TRIGGER items_math AFTER DELETE ON items BEGIN INSERT INTO log VALUES (1 + 1 * 2); END;
