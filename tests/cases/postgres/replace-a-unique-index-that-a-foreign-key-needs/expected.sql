ALTER TABLE IF EXISTS "public"."users" DROP CONSTRAINT IF EXISTS "users_org_code_fkey"
;
DROP INDEX IF EXISTS "public"."orgs_code_idx"
;
-- hazards: blocks-writes
CREATE UNIQUE INDEX IF NOT EXISTS "orgs_code_idx" ON "public"."orgs" ("code") WITH (fillfactor='70')
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'users_org_code_fkey') THEN
        ALTER TABLE "public"."users" ADD CONSTRAINT "users_org_code_fkey" FOREIGN KEY ("org_code") REFERENCES "public"."orgs" ("code") NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."users" VALIDATE CONSTRAINT "users_org_code_fkey"
;
