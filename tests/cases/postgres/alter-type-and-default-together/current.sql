CREATE TABLE counters (id int PRIMARY KEY, n int DEFAULT 0);
INSERT INTO counters VALUES (1, 5);
