CREATE TABLE people (id INTEGER PRIMARY KEY, name text NOT NULL, kind text DEFAULT 'person');
