CREATE FUNCTION _concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT coalesce($1 || ', ', '') || $2$$;
CREATE FUNCTION _concat_final(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT '[' || $1 || ']'$$;
CREATE FUNCTION _count_step(integer, text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE concat_all(text) (SFUNC = _concat, STYPE = text, FINALFUNC = _concat_final, PARALLEL = SAFE);
CREATE AGGREGATE tally(text) (SFUNC = _count_step, STYPE = integer, INITCOND = '0');
CREATE TABLE t (name text);
CREATE VIEW names AS SELECT tally(name) AS n FROM t;
