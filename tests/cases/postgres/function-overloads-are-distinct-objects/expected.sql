SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."describe"("value" text) RETURNS text
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT 'text ' || value$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."describe"("value" integer, "unit" text) RETURNS text
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT value || ' ' || unit$function$
;
