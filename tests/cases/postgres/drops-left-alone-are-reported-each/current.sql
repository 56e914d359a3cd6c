CREATE TABLE t (id int PRIMARY KEY, extra int CONSTRAINT t_extra_check CHECK (extra > 0));
CREATE INDEX t_extra_idx ON t (extra);
CREATE TABLE old_stuff (id int);
CREATE VIEW old_view AS SELECT 1 AS one;
