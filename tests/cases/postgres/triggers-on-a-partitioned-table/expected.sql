SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."stamp"() RETURNS trigger
    LANGUAGE "plpgsql"
AS $function$BEGIN NEW.changed_at := now(); RETURN NEW; END$function$
;
CREATE TABLE IF NOT EXISTS "public"."events_2025" PARTITION OF "public"."events" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."events"'::regclass AND tgname = 'events_stamp') THEN
        EXECUTE $reconcile$CREATE TRIGGER "events_stamp" BEFORE INSERT ON "public"."events" FOR EACH ROW EXECUTE FUNCTION "public"."stamp"()$reconcile$;
    END IF;
END
$reconcile1$
;
