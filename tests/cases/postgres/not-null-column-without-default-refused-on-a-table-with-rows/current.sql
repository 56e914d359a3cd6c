-- A new NOT NULL column needs a default on a table that has rows: the server refuses it, and
-- the whole apply is rolled back.
CREATE TABLE users (id int PRIMARY KEY);
INSERT INTO users VALUES (1), (2);
