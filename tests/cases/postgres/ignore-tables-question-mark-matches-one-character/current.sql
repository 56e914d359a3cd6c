-- ignore_tables: ? matches exactly one character. tmp_1 is ignored (kept, not reported);
-- tmp_12 is not, and --allow-drop drops it.
CREATE TABLE t (id int PRIMARY KEY);
CREATE TABLE tmp_1 (id int);
CREATE TABLE tmp_12 (id int);
