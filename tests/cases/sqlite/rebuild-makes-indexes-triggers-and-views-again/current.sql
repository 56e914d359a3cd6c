CREATE TABLE items (id INTEGER PRIMARY KEY, sku text, qty text);
CREATE INDEX items_sku_idx ON items (sku);
CREATE TABLE item_log (item_id integer);
CREATE TRIGGER items_logged AFTER INSERT ON items BEGIN INSERT INTO item_log VALUES (new.id); END;
CREATE VIEW stocked AS SELECT sku FROM items WHERE qty > 0;
INSERT INTO items VALUES (1, 'x', '3');
