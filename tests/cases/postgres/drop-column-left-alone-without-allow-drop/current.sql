CREATE TABLE users (id int PRIMARY KEY, legacy text);
INSERT INTO users VALUES (1, 'keep me');
