CREATE TABLE measurements (id int PRIMARY KEY, value int);
