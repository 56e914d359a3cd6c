CREATE TABLE users (id bigint PRIMARY KEY, email varchar(50) NOT NULL);
INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com');
