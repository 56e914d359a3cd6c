CREATE TABLE users (id integer PRIMARY KEY, first text NOT NULL, last text NOT NULL);
CREATE FUNCTION full_name(u users) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT u.first || ' ' || u.last$$;
CREATE INDEX users_full_name ON users (full_name(users.*));
CREATE VIEW user_firsts AS SELECT users.id, users.first FROM users;
CREATE FUNCTION first_of(r user_firsts) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT r.first$$;
CREATE VIEW greetings AS SELECT ('hello '::text || first_of(user_firsts.*)) AS greeting FROM user_firsts;
