CREATE SEQUENCE events_id_seq AS integer CACHE 10;
CREATE TABLE events (id integer NOT NULL DEFAULT nextval('events_id_seq') PRIMARY KEY, name text);
ALTER SEQUENCE events_id_seq OWNED BY events.id;
INSERT INTO events (name) VALUES ('a');
