CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_lookup ON t (a, b);
