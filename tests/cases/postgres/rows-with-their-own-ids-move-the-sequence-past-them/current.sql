-- The statuses table exists with a row the application added (its id from the sequence).
CREATE TABLE statuses (id serial PRIMARY KEY, name text NOT NULL);
INSERT INTO statuses (name) VALUES ('draft');
