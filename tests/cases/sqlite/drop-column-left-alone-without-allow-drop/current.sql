CREATE TABLE users (id INTEGER PRIMARY KEY, legacy text);
