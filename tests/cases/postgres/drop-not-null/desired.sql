CREATE TABLE people (id int PRIMARY KEY, nickname text);
