DROP VIEW IF EXISTS "public"."items_v"
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."note_insert"() RETURNS trigger
    LANGUAGE "plpgsql"
AS $function$BEGIN INSERT INTO log VALUES ('inserted'); RETURN NULL; END$function$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'items_v') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."items_v" AS SELECT id, name, upper(name) AS shout FROM items$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."items_v"'::regclass AND tgname = 'items_v_insert') THEN
        EXECUTE $reconcile$CREATE TRIGGER "items_v_insert" INSTEAD OF INSERT ON "public"."items_v" FOR EACH ROW EXECUTE FUNCTION "public"."items_v_write"()$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."items_v"'::regclass AND tgname = 'items_v_update') THEN
        EXECUTE $reconcile$CREATE TRIGGER "items_v_update" INSTEAD OF UPDATE ON "public"."items_v" FOR EACH ROW EXECUTE FUNCTION "public"."items_v_write"()$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."items_v"'::regclass AND tgname = 'items_v_note') THEN
        EXECUTE $reconcile$CREATE TRIGGER "items_v_note" AFTER INSERT ON "public"."items_v" FOR EACH STATEMENT EXECUTE FUNCTION "public"."note_insert"()$reconcile$;
    END IF;
END
$reconcile1$
;
COMMENT ON TRIGGER "items_v_note" ON "public"."items_v" IS 'one line per INSERT statement'
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."items_v"'::regclass AND tgname = 'items_v_forget') THEN
        EXECUTE $reconcile$CREATE TRIGGER "items_v_forget" INSTEAD OF DELETE ON "public"."items_v" FOR EACH ROW EXECUTE FUNCTION "public"."items_v_forget"()$reconcile$;
    END IF;
END
$reconcile1$
;
