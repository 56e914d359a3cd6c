CREATE TABLE people (id int PRIMARY KEY, age_text varchar(3));
INSERT INTO people VALUES (1, '36');
