CREATE TABLE lines (id int PRIMARY KEY, qty int, total int);
