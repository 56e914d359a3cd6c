DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'users_age_check') THEN
        ALTER TABLE "public"."users" ADD CONSTRAINT "users_age_check" CHECK (age > 0) NOT VALID;
    END IF;
END
$reconcile$
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'users_org_id_fkey') THEN
        ALTER TABLE "public"."users" ADD CONSTRAINT "users_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."orgs" ("id") NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."users" VALIDATE CONSTRAINT "users_age_check"
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."users" VALIDATE CONSTRAINT "users_org_id_fkey"
;
