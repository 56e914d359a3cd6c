DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."bookings"'::regclass AND conname = 'old_no_overlap') THEN
        ALTER TABLE "public"."bookings" RENAME CONSTRAINT "old_no_overlap" TO "bookings_no_overlap";
    END IF;
END
$reconcile$
;
