CREATE TABLE films (id INTEGER PRIMARY KEY, length integer);
CREATE VIEW long_films AS SELECT id FROM films WHERE length > 120;
