CREATE TABLE words (id int PRIMARY KEY, w text COLLATE "POSIX");
CREATE INDEX words_w_idx ON words (w);
INSERT INTO words VALUES (1, 'b'), (2, 'A');
