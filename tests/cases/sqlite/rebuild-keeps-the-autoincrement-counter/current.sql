CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, name text);
INSERT INTO jobs (name) VALUES ('a'), ('b'), ('c');
DELETE FROM jobs WHERE id = 3;
