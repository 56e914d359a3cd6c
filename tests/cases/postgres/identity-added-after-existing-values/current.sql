CREATE TABLE tickets (id bigint PRIMARY KEY, title text);
INSERT INTO tickets VALUES (1, 'a'), (5, 'b');
