CREATE TABLE users (id int PRIMARY KEY, first text);
