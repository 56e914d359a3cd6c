INSERT INTO items (id, name, qty) VALUES (2, 'nut', 7);
UPDATE items SET qty = qty + 1 WHERE id = 1;
DELETE FROM items WHERE id = 2;
