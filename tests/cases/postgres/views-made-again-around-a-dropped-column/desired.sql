CREATE TABLE films (id int PRIMARY KEY, length int);
CREATE VIEW all_films AS SELECT * FROM films;
CREATE VIEW long_films AS SELECT id FROM all_films WHERE length > 90;
