CREATE TABLE existing (id int PRIMARY KEY, name text);
