ALTER TABLE IF EXISTS "public"."t" DROP CONSTRAINT IF EXISTS "t_key"
;
-- hazards: may-fail
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."t"'::regclass AND conname = 't_key') THEN
        ALTER TABLE "public"."t" ADD CONSTRAINT "t_key" UNIQUE ("a", "b");
    END IF;
END
$reconcile$
;
