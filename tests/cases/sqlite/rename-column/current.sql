CREATE TABLE people (id INTEGER PRIMARY KEY, fullname text);
INSERT INTO people VALUES (1, 'Ada Lovelace');
