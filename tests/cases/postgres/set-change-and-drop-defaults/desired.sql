CREATE TABLE settings (id int PRIMARY KEY, a int DEFAULT 7, b text DEFAULT 'new', c int);
