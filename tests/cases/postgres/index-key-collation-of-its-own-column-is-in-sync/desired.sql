CREATE TABLE words (id int PRIMARY KEY, word text COLLATE "C" NOT NULL, plain text);
CREATE INDEX words_word_idx ON words (word COLLATE "C");
CREATE INDEX words_plain_idx ON words (plain COLLATE "default");
