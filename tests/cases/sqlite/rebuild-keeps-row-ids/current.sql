CREATE TABLE tags (code text NOT NULL PRIMARY KEY, label text);
INSERT INTO tags (rowid, code, label) VALUES (10, 'a', 'A'), (20, 'b', 'B');
