CREATE TABLE films (id int PRIMARY KEY, length int);
CREATE VIEW long_films AS SELECT id FROM films WHERE length > 90;
COMMENT ON VIEW long_films IS 'old';
