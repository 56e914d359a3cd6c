CREATE TABLE customers (id INTEGER PRIMARY KEY, name text);
