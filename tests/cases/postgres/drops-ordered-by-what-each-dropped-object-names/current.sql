-- What the model no longer declares, dropped with --allow-drop in the order of what each names:
-- the function typed by the view before the view, the domain whose check calls a function before
-- that function, the function taking the domain before the domain.
CREATE TABLE users (id int PRIMARY KEY, first text);
CREATE VIEW v1 AS SELECT id, first FROM users;
CREATE FUNCTION first_of(r v1) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT r.first $$;
CREATE FUNCTION is_ok(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x > 0 $$;
CREATE DOMAIN checked AS int CHECK (is_ok(VALUE));
CREATE FUNCTION takes_checked(x checked) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
