CREATE TABLE people (id INTEGER PRIMARY KEY, name text, kind text);
INSERT INTO people VALUES (1, 'ada', NULL);
