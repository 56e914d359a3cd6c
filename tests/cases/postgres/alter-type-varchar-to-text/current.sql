CREATE TABLE notes (id int PRIMARY KEY, body varchar(10));
INSERT INTO notes VALUES (1, 'hello');
