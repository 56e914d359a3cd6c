CREATE TABLE films (id int PRIMARY KEY, title text, length int);
CREATE VIEW long_films AS SELECT id, title FROM films WHERE length > 90;
