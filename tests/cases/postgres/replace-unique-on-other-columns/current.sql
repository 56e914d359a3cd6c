CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT t_key UNIQUE (a));
