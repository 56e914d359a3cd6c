CREATE TABLE films (id int PRIMARY KEY, length int);
INSERT INTO films VALUES (1, 100), (2, 50);
CREATE MATERIALIZED VIEW film_count AS SELECT count(*) AS n FROM films;
CREATE UNIQUE INDEX film_count_n ON film_count (n);
