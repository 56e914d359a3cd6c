CREATE TABLE people (id int PRIMARY KEY, fullname text);
INSERT INTO people VALUES (1, 'Ada Lovelace');
