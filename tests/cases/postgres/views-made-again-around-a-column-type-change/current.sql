CREATE TABLE films (id int PRIMARY KEY, length int);
CREATE VIEW long_films AS SELECT id, length FROM films WHERE length > 90;
CREATE VIEW longest AS SELECT max(length) AS length FROM long_films;
INSERT INTO films VALUES (1, 100), (2, 200);
