CREATE TABLE people (id int PRIMARY KEY, age integer);
