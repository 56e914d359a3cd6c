SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "billing"."Split Total"("total" numeric, "parts" integer DEFAULT 2, OUT "share" numeric, OUT "remainder" numeric) RETURNS record
    LANGUAGE "sql" IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE COST 5
AS $function$SELECT trunc(total / parts, 2), total - trunc(total / parts, 2) * parts$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "billing"."largest"(VARIADIC "vals" integer[]) RETURNS integer
    LANGUAGE "sql" STABLE SECURITY DEFINER
    SET search_path TO 'billing', 'pg_temp'
    SET work_mem TO '8MB'
AS $function$SELECT max(v) FROM unnest(vals) AS v$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "billing"."series"("n" integer) RETURNS TABLE("i" integer, "label" text)
    LANGUAGE "sql" ROWS 10
AS $function1$SELECT g, 'row ' || g FROM generate_series(1, n) AS g -- $function$ in a comment
$function1$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE PROCEDURE "billing"."bump"(INOUT "counter" integer, "by" integer DEFAULT 1)
    LANGUAGE "plpgsql" SECURITY DEFINER
    SET search_path TO 'billing'
AS $function$BEGIN
  counter := counter + by;
END
$function$
;
COMMENT ON PROCEDURE "billing"."bump"(integer, integer) IS 'adds to a counter'
;
