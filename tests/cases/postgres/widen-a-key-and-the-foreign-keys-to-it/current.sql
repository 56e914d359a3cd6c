CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users (id));
INSERT INTO users VALUES (1), (2); INSERT INTO orders VALUES (10, 1), (11, 2);
