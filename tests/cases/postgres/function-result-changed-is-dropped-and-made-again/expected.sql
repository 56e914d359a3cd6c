-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."answer"()
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."answer"(OUT "result" bigint) RETURNS bigint
    LANGUAGE "sql"
AS $function$SELECT 42::bigint$function$
;
