-- sqlite_sequence holds the name as the table was made (Jobs); the model says jobs.
CREATE TABLE Jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
INSERT INTO Jobs (name) VALUES ('a'), ('b'), ('c');
DELETE FROM Jobs WHERE id = 3;
