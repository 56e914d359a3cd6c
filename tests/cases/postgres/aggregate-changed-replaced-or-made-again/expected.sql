DROP VIEW IF EXISTS "public"."names"
;
-- hazards: may-fail
DROP AGGREGATE IF EXISTS "public"."tally"(text)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."_count_step"(integer, text) RETURNS integer
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT $1 + 1$function$
;
CREATE OR REPLACE AGGREGATE "public"."concat_all"(text) (
    SFUNC = "public"."_concat",
    STYPE = text,
    FINALFUNC = "public"."_concat_final",
    PARALLEL = SAFE
)
;
CREATE OR REPLACE AGGREGATE "public"."tally"(text) (
    SFUNC = "public"."_count_step",
    STYPE = integer,
    INITCOND = '0'
)
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'names') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."names" AS SELECT tally(t.name) AS n FROM t$reconcile$;
    END IF;
END
$reconcile1$
;
-- hazards: may-fail
DROP AGGREGATE IF EXISTS "public"."stray"(text)
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."_count_step"(bigint, text)
;
