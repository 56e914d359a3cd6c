ALTER TABLE IF EXISTS "public"."bookings" DROP CONSTRAINT IF EXISTS "bookings_no_overlap"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."bookings"'::regclass AND conname = 'bookings_no_overlap') THEN
        ALTER TABLE "public"."bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist (during WITH -|-);
    END IF;
END
$reconcile$
;
