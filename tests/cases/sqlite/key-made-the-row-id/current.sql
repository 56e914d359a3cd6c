-- INT PRIMARY KEY is not SQLite's row id; INTEGER PRIMARY KEY is.
CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body TEXT);
INSERT INTO notes VALUES (7, 'seven'), (9, 'nine');
