-- hazards: long-running, may-fail
-- runs: after_transaction
-- lock wait: long
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "regions_country_code_key" ON "public"."regions" ("country", "code")
;
-- runs: after_transaction
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."regions"'::regclass AND conname = 'regions_country_code_key') THEN
        ALTER TABLE "public"."regions" ADD CONSTRAINT "regions_country_code_key" UNIQUE USING INDEX "regions_country_code_key";
    END IF;
END
$reconcile$
;
-- runs: after_transaction
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."offices"'::regclass AND conname = 'offices_region_fkey') THEN
        ALTER TABLE "public"."offices" ADD CONSTRAINT "offices_region_fkey" FOREIGN KEY ("region_code", "region_country") REFERENCES "public"."regions" ("code", "country") NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."offices" VALIDATE CONSTRAINT "offices_region_fkey"
;
