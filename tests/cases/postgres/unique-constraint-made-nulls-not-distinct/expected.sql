ALTER TABLE IF EXISTS "public"."devices" DROP CONSTRAINT IF EXISTS "devices_serial_key"
;
-- hazards: blocks-writes, may-fail
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."devices"'::regclass AND conname = 'devices_serial_key') THEN
        ALTER TABLE "public"."devices" ADD CONSTRAINT "devices_serial_key" UNIQUE NULLS NOT DISTINCT ("serial");
    END IF;
END
$reconcile$
;
