CREATE TABLE events (id int PRIMARY KEY, n int);
INSERT INTO events VALUES (1, 10);
