DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'users_age_check') THEN
        ALTER TABLE "public"."users" ADD CONSTRAINT "users_age_check" CHECK (age > 0) NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
ALTER TABLE "public"."users" VALIDATE CONSTRAINT "users_age_check"
;
