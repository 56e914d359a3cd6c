CREATE FUNCTION describe(value integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT 'integer ' || value$$;
CREATE FUNCTION describe(value integer, unit text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT 'old'$$;
CREATE TABLE t (id int PRIMARY KEY);
