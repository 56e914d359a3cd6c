CREATE OR REPLACE TRIGGER "events_changed" BEFORE UPDATE ON "public"."events" FOR EACH ROW WHEN (new.at > '2021-01-01') EXECUTE FUNCTION "public"."stamp"()
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."events"'::regclass AND tgname = 'events_made') THEN
        EXECUTE $reconcile$CREATE TRIGGER "events_made" BEFORE INSERT ON "public"."events" FOR EACH ROW WHEN (new.at < '2030-01-01' AND new.status <> '') EXECUTE FUNCTION "public"."stamp"()$reconcile$;
    END IF;
END
$reconcile1$
;
