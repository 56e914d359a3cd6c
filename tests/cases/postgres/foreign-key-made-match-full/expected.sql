ALTER TABLE IF EXISTS "public"."offices" DROP CONSTRAINT IF EXISTS "offices_region_fkey"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."offices"'::regclass AND conname = 'offices_region_fkey') THEN
        ALTER TABLE "public"."offices" ADD CONSTRAINT "offices_region_fkey" FOREIGN KEY ("country", "region") REFERENCES "public"."regions" ("country", "code") MATCH FULL NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."offices" VALIDATE CONSTRAINT "offices_region_fkey"
;
