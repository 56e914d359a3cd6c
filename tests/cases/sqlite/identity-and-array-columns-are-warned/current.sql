-- SQLite has no identity columns and no array types: each is reported, and nothing is made of
-- what needs it (the new table u; the rebuild t would need), rather than made without it.
CREATE TABLE t (id INTEGER PRIMARY KEY, tags text);
