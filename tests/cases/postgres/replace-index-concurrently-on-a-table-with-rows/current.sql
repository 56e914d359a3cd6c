CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_lookup ON t (a);
INSERT INTO t SELECT g, g % 7, g % 11 FROM generate_series(1, 100) g;
