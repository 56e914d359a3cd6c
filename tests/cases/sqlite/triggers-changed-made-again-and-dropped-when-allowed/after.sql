INSERT INTO items (id, name, qty) VALUES (1, 'bolt', 5);
UPDATE items SET qty = -1 WHERE id = 1;
INSERT INTO items (id, name, qty) VALUES (2, 'nut', 1);
DELETE FROM items WHERE id = 2;
