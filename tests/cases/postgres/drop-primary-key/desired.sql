CREATE TABLE log (id int NOT NULL, line text);
