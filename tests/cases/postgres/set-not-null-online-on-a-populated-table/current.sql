CREATE TABLE orders (id int PRIMARY KEY, customer text);
INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 1000) g;
