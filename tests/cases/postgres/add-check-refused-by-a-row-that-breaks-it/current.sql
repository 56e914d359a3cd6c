CREATE TABLE users (id int PRIMARY KEY, age int);
INSERT INTO users VALUES (1, 30), (2, -1);
