CREATE TABLE users (id int PRIMARY KEY, email text, legacy text);
INSERT INTO users VALUES (1, 'a@example.com', 'x');
