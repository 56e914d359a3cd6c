INSERT INTO items_v (id, name) VALUES (1, 'a');
