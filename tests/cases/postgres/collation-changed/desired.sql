CREATE TABLE words (id int PRIMARY KEY, w text COLLATE "C");
CREATE INDEX words_w_idx ON words (w);
