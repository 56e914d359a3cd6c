INSERT INTO items VALUES (1, 5), (2, -3);
INSERT INTO orders VALUES (1, 1), (2, 1), (3, 2);
