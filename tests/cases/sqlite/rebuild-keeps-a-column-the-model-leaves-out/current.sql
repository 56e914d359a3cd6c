CREATE TABLE t (id INTEGER PRIMARY KEY, name text, legacy text, CONSTRAINT t_legacy_check CHECK (legacy <> ''));
CREATE INDEX t_legacy_idx ON t (legacy);
INSERT INTO t VALUES (1, 'a', 'keep me');
