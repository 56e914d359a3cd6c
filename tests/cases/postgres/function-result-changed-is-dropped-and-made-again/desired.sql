CREATE FUNCTION answer(OUT result bigint) LANGUAGE sql AS 'SELECT 42::bigint';
CREATE TABLE t (id int PRIMARY KEY);
