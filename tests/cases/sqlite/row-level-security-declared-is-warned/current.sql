-- SQLite has no row-level security: declaring it (or a policy) is reported.
CREATE TABLE t (id INTEGER PRIMARY KEY);
