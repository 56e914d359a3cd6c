DROP VIEW IF EXISTS "public"."account_names"
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."balance_of"(integer)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."balance_of"("wanted" integer) RETURNS text
    LANGUAGE "sql"
AS $function$SELECT balance::text FROM accounts WHERE id = wanted$function$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'account_names') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."account_names" AS SELECT id, name FROM accounts$reconcile$;
    END IF;
END
$reconcile1$
;
GRANT SELECT ON TABLE "public"."account_names" TO "reconcile_app" WITH GRANT OPTION
;
REVOKE EXECUTE ON ROUTINE "public"."balance_of"(integer) FROM PUBLIC
;
GRANT EXECUTE ON ROUTINE "public"."balance_of"(integer) TO "reconcile_app"
;
