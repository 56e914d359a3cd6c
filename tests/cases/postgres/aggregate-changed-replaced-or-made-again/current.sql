CREATE FUNCTION _concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT coalesce($1 || ', ', '') || $2$$;
CREATE FUNCTION _concat_final(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT '[' || $1 || ']'$$;
CREATE FUNCTION _count_step(bigint, text) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE concat_all(text) (SFUNC = _concat, STYPE = text, FINALFUNC = _concat_final);
CREATE AGGREGATE tally(text) (SFUNC = _count_step, STYPE = bigint, INITCOND = '0');
CREATE AGGREGATE stray(text) (SFUNC = _concat, STYPE = text);
CREATE TABLE t (name text);
CREATE VIEW names AS SELECT tally(name) AS n FROM t;
