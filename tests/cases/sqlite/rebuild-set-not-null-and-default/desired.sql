CREATE TABLE people (id INTEGER NOT NULL PRIMARY KEY, name text NOT NULL, kind text DEFAULT 'person');
