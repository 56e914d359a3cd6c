-- hazards: may-fail
DO $reconcile$
DECLARE nulls bigint;
BEGIN
    SELECT count(*) INTO nulls FROM "public"."people" WHERE "name" IS NULL;
    IF nulls > 0 THEN
        RAISE EXCEPTION 'column public.people.name has % NULL value(s), so it cannot be made NOT NULL; set them first', nulls;
    END IF;
END
$reconcile$
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."people"'::regclass AND conname = 'people_name_not_null') THEN
        ALTER TABLE "public"."people" ADD CONSTRAINT "people_name_not_null" CHECK ("name" IS NOT NULL) NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."people" VALIDATE CONSTRAINT "people_name_not_null"
;
-- runs: after_transaction
ALTER TABLE "public"."people" ALTER COLUMN "name" SET NOT NULL
;
-- runs: after_transaction
ALTER TABLE IF EXISTS "public"."people" DROP CONSTRAINT IF EXISTS "people_name_not_null"
;
