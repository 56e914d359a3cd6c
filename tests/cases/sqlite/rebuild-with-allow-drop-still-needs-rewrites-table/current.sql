CREATE TABLE t (id INTEGER PRIMARY KEY, name text, legacy text);
INSERT INTO t VALUES (1, 'a', 'x');
