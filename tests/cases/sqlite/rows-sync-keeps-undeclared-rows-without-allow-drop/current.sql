CREATE TABLE countries (code char(2) NOT NULL PRIMARY KEY, name text NOT NULL);
INSERT INTO countries VALUES ('FR', 'France'), ('XX', 'Test country'), ('YU', 'Yugoslavia');
