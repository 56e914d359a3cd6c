-- SQLite keeps the index's text as written, COLLATE NOCASE included, on a column that is
-- NOCASE already; the model that names it, or leaves it out, is the same index.
CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT COLLATE NOCASE NOT NULL, tag TEXT COLLATE NOCASE);
CREATE INDEX words_word_idx ON words (word COLLATE NOCASE);
CREATE INDEX words_tag_idx ON words (tag);
