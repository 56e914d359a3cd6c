INSERT INTO items_v (id, name) VALUES (1, 'a');
UPDATE items_v SET name = 'b' WHERE id = 1;
INSERT INTO items_v (id, name) VALUES (2, 'c');
DELETE FROM items_v WHERE id = 2;
