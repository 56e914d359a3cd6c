SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."changed"("a" integer DEFAULT 2) RETURNS integer
    LANGUAGE "sql"
AS $function$SELECT a$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."made"("c" integer[] DEFAULT ARRAY[1,2], "d" timestamp with time zone DEFAULT now() + interval '1 hour', "e" numeric DEFAULT 1.50) RETURNS integer
    LANGUAGE "sql"
AS $function$SELECT 1$function$
;
