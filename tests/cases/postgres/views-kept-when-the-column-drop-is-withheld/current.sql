-- Without --allow-drop the column stays, and so do the views that read it: nothing to make again.
CREATE TABLE films (id int PRIMARY KEY, length int, rating text);
CREATE VIEW all_films AS SELECT * FROM films;
CREATE VIEW long_films AS SELECT id FROM all_films WHERE length > 90;
INSERT INTO films VALUES (1, 100, 'PG'), (2, 80, 'R');
