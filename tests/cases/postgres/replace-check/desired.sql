CREATE TABLE t (id int PRIMARY KEY, n int CONSTRAINT t_n_check CHECK (n > 1));
