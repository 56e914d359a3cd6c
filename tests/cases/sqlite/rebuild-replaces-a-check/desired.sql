CREATE TABLE t (id INTEGER PRIMARY KEY, n integer, CONSTRAINT t_n_check CHECK (n > 1));
