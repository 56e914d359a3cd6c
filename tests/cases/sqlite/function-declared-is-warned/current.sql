-- SQLite has no stored functions: a declared one is reported, never silently dropped.
CREATE TABLE t (id INTEGER PRIMARY KEY);
