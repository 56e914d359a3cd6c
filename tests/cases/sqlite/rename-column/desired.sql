CREATE TABLE people (id INTEGER PRIMARY KEY, display_name text);
