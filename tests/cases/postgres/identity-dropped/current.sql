CREATE TABLE tickets (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text);
INSERT INTO tickets (title) VALUES ('a');
