DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'app' AND t.typname = 'status' AND t.typtype = 'e') THEN
        CREATE TYPE "app"."status" AS ENUM ('open', 'closed');
    END IF;
END
$reconcile$
;
CREATE SEQUENCE IF NOT EXISTS "app"."tickets" AS bigint
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "app"."total"() RETURNS bigint
    LANGUAGE "sql"
AS $function$SELECT count(*) FROM app.accounts$function$
;
CREATE TABLE IF NOT EXISTS "app"."events" (
    "id" integer NOT NULL,
    "state" app.status,
    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
)
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'app' AND c.relname = 'account_names') THEN
        EXECUTE $reconcile$CREATE VIEW "app"."account_names" AS SELECT name FROM app.accounts$reconcile$;
    END IF;
END
$reconcile1$
;
GRANT USAGE ON SCHEMA "app" TO "reconcile_app"
;
GRANT USAGE ON SCHEMA "app" TO "reconcile_readonly"
;
GRANT INSERT, UPDATE ON TABLE "app"."accounts" TO "reconcile_app"
;
GRANT SELECT ON TABLE "app"."accounts" TO "reconcile_readonly" WITH GRANT OPTION
;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "app"."events" TO "reconcile_app"
;
GRANT SELECT ON TABLE "app"."account_names" TO "reconcile_readonly"
;
GRANT USAGE, SELECT ON SEQUENCE "app"."tickets" TO "reconcile_app"
;
GRANT EXECUTE ON ROUTINE "app"."kept"() TO "reconcile_app"
;
GRANT EXECUTE ON ROUTINE "app"."total"() TO "reconcile_readonly"
;
GRANT USAGE ON TYPE "app"."status" TO "reconcile_app"
;
