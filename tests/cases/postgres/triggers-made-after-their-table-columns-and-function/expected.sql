CREATE SCHEMA IF NOT EXISTS "audit"
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."stamp"() RETURNS trigger
    LANGUAGE "plpgsql"
AS $function$BEGIN NEW.changed_at := now(); RETURN NEW; END$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."record"() RETURNS trigger
    LANGUAGE "plpgsql"
AS $function$BEGIN INSERT INTO audit.entries (what) VALUES (TG_TABLE_NAME || ':' || TG_OP || ':' || coalesce(TG_ARGV[0], '')); RETURN NULL; END$function$
;
CREATE TABLE IF NOT EXISTS "audit"."entries" (
    "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    "what" text NOT NULL,
    CONSTRAINT "entries_pkey" PRIMARY KEY ("id")
)
;
CREATE TABLE IF NOT EXISTS "public"."ledgers" (
    "id" integer NOT NULL,
    "changed_at" timestamp with time zone,
    CONSTRAINT "ledgers_pkey" PRIMARY KEY ("id")
)
;
ALTER TABLE "public"."accounts" ADD COLUMN IF NOT EXISTS "changed_at" timestamp with time zone
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."accounts"'::regclass AND tgname = 'accounts_stamp') THEN
        EXECUTE $reconcile$CREATE TRIGGER "accounts_stamp" BEFORE INSERT OR UPDATE OF "balance" ON "public"."accounts" FOR EACH ROW WHEN (NEW.balance IS NOT NULL) EXECUTE FUNCTION "public"."stamp"()$reconcile$;
    END IF;
END
$reconcile1$
;
COMMENT ON TRIGGER "accounts_stamp" ON "public"."accounts" IS 'keeps changed_at'
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."accounts"'::regclass AND tgname = 'accounts_audit') THEN
        EXECUTE $reconcile$CREATE TRIGGER "accounts_audit" AFTER DELETE ON "public"."accounts" REFERENCING OLD TABLE AS "gone" FOR EACH STATEMENT EXECUTE FUNCTION "public"."record"('it''s gone')$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."accounts"'::regclass AND tgname = 'accounts_check') THEN
        EXECUTE $reconcile$CREATE CONSTRAINT TRIGGER "accounts_check" AFTER INSERT ON "public"."accounts" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."record"('checked')$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."accounts"'::regclass AND tgname = 'accounts_off') THEN
        EXECUTE $reconcile$CREATE TRIGGER "accounts_off" AFTER TRUNCATE ON "public"."accounts" FOR EACH STATEMENT EXECUTE FUNCTION "public"."record"()$reconcile$;
    END IF;
END
$reconcile1$
;
ALTER TABLE "public"."accounts" DISABLE TRIGGER "accounts_off"
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."accounts"'::regclass AND tgname = 'accounts_replicated') THEN
        EXECUTE $reconcile$CREATE TRIGGER "accounts_replicated" AFTER UPDATE ON "public"."accounts" FOR EACH ROW EXECUTE FUNCTION "public"."record"('replica')$reconcile$;
    END IF;
END
$reconcile1$
;
ALTER TABLE "public"."accounts" ENABLE ALWAYS TRIGGER "accounts_replicated"
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."ledgers"'::regclass AND tgname = 'ledgers_stamp') THEN
        EXECUTE $reconcile$CREATE TRIGGER "ledgers_stamp" BEFORE INSERT ON "public"."ledgers" FOR EACH ROW EXECUTE FUNCTION "public"."stamp"()$reconcile$;
    END IF;
END
$reconcile1$
;
