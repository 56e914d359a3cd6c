CREATE TABLE prices (id int PRIMARY KEY, amount numeric(8,2));
INSERT INTO prices VALUES (1, 123456.78);
