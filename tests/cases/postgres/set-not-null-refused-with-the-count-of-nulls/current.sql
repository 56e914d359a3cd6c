CREATE TABLE people (id int PRIMARY KEY, name text);
INSERT INTO people VALUES (1, 'ada'), (2, NULL), (3, NULL);
