CREATE SCHEMA billing;
CREATE FUNCTION billing."Split Total"(total numeric, parts integer DEFAULT 2, OUT share numeric, OUT remainder numeric)
  LANGUAGE sql IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE COST 5
  AS 'SELECT trunc(total / parts, 2), total - trunc(total / parts, 2) * parts';
CREATE FUNCTION billing.largest(VARIADIC vals integer[]) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = billing, pg_temp SET work_mem = '8MB'
  AS 'SELECT max(v) FROM unnest(vals) AS v';
CREATE FUNCTION billing.series(n integer) RETURNS TABLE(i integer, label text) LANGUAGE sql ROWS 10
  AS $x$SELECT g, 'row ' || g FROM generate_series(1, n) AS g -- $function$ in a comment
$x$;
CREATE PROCEDURE billing.bump(INOUT counter integer, by integer DEFAULT 1) LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = billing
  AS $$BEGIN
  counter := counter + by;
END
$$;
COMMENT ON PROCEDURE billing.bump(integer, integer) IS 'adds to a counter';
