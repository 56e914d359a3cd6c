CREATE TABLE up (id integer PRIMARY KEY);
CREATE TABLE down (id integer PRIMARY KEY);
CREATE TABLE late (id integer PRIMARY KEY);
INSERT INTO up SELECT generate_series(1, 5);
INSERT INTO down SELECT generate_series(1, 5);
INSERT INTO late SELECT generate_series(1, 5);
