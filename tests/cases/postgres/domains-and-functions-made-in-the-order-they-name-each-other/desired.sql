CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE FUNCTION is_positive(x integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT x > 0$$;
CREATE DOMAIN positive_int AS integer CONSTRAINT positive_int_check CHECK (is_positive(VALUE));
CREATE DOMAIN cheerful AS mood DEFAULT 'ok'::mood;
CREATE FUNCTION doubled(p positive_int) RETURNS positive_int LANGUAGE sql IMMUTABLE AS $$SELECT (p * 2)::positive_int$$;
CREATE TABLE counters (id integer PRIMARY KEY, step positive_int DEFAULT doubled(1), feeling cheerful);
