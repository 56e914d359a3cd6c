CREATE TABLE people (id INTEGER PRIMARY KEY, age_text text);
INSERT INTO people VALUES (1, '36');
