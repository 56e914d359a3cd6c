CREATE TABLE films (id int PRIMARY KEY, title text NOT NULL, length int);
