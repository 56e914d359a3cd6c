DROP TRIGGER IF EXISTS "items_check" ON "public"."items"
;
COMMENT ON TRIGGER "items_stamp" ON "public"."items" IS 'new'
;
CREATE OR REPLACE TRIGGER "items_stamp" BEFORE INSERT OR UPDATE ON "public"."items" FOR EACH ROW WHEN (NEW.name IS NOT NULL) EXECUTE FUNCTION "public"."stamp"()
;
ALTER TABLE "public"."items" DISABLE TRIGGER "items_paused"
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '"public"."items"'::regclass AND tgname = 'items_check') THEN
        EXECUTE $reconcile$CREATE CONSTRAINT TRIGGER "items_check" AFTER INSERT ON "public"."items" DEFERRABLE FOR EACH ROW EXECUTE FUNCTION "public"."stamp"()$reconcile$;
    END IF;
END
$reconcile1$
;
