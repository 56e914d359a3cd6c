-- pg_get_indexdef leaves out a key's COLLATE when it is the column's own: the catalog reads
-- back no collation for these keys, which the model names.
CREATE TABLE words (id int PRIMARY KEY, word text COLLATE "C" NOT NULL, plain text);
CREATE INDEX words_word_idx ON words (word COLLATE "C");
CREATE INDEX words_plain_idx ON words (plain COLLATE "default");
