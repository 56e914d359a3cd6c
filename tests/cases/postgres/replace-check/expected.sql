ALTER TABLE IF EXISTS "public"."t" DROP CONSTRAINT IF EXISTS "t_n_check"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."t"'::regclass AND conname = 't_n_check') THEN
        ALTER TABLE "public"."t" ADD CONSTRAINT "t_n_check" CHECK (n > 1) NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_n_check"
;
