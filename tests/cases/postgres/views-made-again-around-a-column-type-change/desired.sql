CREATE TABLE films (id int PRIMARY KEY, length bigint);
CREATE VIEW long_films AS SELECT id, length FROM films WHERE length > 90;
CREATE VIEW longest AS SELECT max(length) AS length FROM long_films;
