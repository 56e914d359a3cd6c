CREATE TABLE events (id integer, kind text) PARTITION BY LIST (kind);
CREATE TABLE events_signup PARTITION OF events (CONSTRAINT events_signup_id_check CHECK (id > 0)) FOR VALUES IN ('signup');
