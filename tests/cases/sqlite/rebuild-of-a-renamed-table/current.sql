CREATE TABLE customer (id INTEGER PRIMARY KEY, name text);
INSERT INTO customer VALUES (1, 'ada');
