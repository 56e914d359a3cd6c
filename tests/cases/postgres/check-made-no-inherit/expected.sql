ALTER TABLE IF EXISTS "public"."readings" DROP CONSTRAINT IF EXISTS "readings_value_positive"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."readings"'::regclass AND conname = 'readings_value_positive') THEN
        ALTER TABLE "public"."readings" ADD CONSTRAINT "readings_value_positive" CHECK (value > 0) NO INHERIT NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail
ALTER TABLE "public"."readings" VALIDATE CONSTRAINT "readings_value_positive"
;
