ALTER DOMAIN "public"."year" SET DEFAULT 2026
;
ALTER DOMAIN "public"."year" DROP CONSTRAINT IF EXISTS "year_check"
;
-- hazards: may-fail, validates
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE contypid = '"public"."year"'::regtype AND conname = 'year_check') THEN
        ALTER DOMAIN "public"."year" ADD CONSTRAINT "year_check" CHECK (VALUE > 1900);
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE contypid = '"public"."year"'::regtype AND conname = 'year_upper') THEN
        ALTER DOMAIN "public"."year" ADD CONSTRAINT "year_upper" CHECK (VALUE < 3000);
    END IF;
END
$reconcile$
;
-- hazards: may-fail
ALTER DOMAIN "public"."year" SET NOT NULL
;
