CREATE TABLE parent (id INTEGER PRIMARY KEY, name text);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id integer REFERENCES parent (id) ON DELETE CASCADE);
INSERT INTO parent VALUES (1, 'a'), (2, 'b');
INSERT INTO child VALUES (1, 1), (2, 1), (3, 2);
