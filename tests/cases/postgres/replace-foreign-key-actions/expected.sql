ALTER TABLE IF EXISTS "public"."users" DROP CONSTRAINT IF EXISTS "users_org_id_fkey"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'users_org_id_fkey') THEN
        ALTER TABLE "public"."users" ADD CONSTRAINT "users_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "public"."orgs" ("id") ON DELETE CASCADE NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."users" VALIDATE CONSTRAINT "users_org_id_fkey"
;
