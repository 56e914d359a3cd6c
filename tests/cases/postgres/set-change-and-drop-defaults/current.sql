CREATE TABLE settings (id int PRIMARY KEY, a int, b text DEFAULT 'old', c int DEFAULT 3);
