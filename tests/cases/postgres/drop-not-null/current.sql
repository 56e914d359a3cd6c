CREATE TABLE people (id int PRIMARY KEY, nickname text NOT NULL);
INSERT INTO people VALUES (1, 'x');
