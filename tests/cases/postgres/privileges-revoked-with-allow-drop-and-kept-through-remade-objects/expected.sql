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
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."account_count"() RETURNS bigint
    LANGUAGE "sql"
AS $function$SELECT count(*) FROM accounts$function$
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
REVOKE DELETE ON TABLE "public"."accounts" FROM "reconcile_app"
;
REVOKE GRANT OPTION FOR SELECT ON TABLE "public"."accounts" FROM "reconcile_readonly"
;
GRANT SELECT ON TABLE "public"."account_names" TO "reconcile_readonly"
;
REVOKE EXECUTE ON ROUTINE "public"."balance_of"(integer) FROM PUBLIC
;
GRANT EXECUTE ON ROUTINE "public"."balance_of"(integer) TO "reconcile_app"
;
REVOKE EXECUTE ON ROUTINE "public"."account_count"() FROM PUBLIC
;
GRANT EXECUTE ON ROUTINE "public"."account_count"() TO "reconcile_readonly"
;
