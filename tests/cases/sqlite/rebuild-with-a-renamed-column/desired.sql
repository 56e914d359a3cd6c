CREATE TABLE people (id INTEGER PRIMARY KEY, age integer);
