CREATE TABLE items (id INTEGER PRIMARY KEY, name text, qty text);
CREATE TABLE log (what text);
INSERT INTO items VALUES (1, 'bolt', '5');
CREATE TRIGGER items_kept AFTER UPDATE ON items BEGIN INSERT INTO log VALUES ('kept ' || NEW.name); END;
CREATE TRIGGER items_not_in_model AFTER DELETE ON items BEGIN INSERT INTO log VALUES ('deleted ' || OLD.name); END;
