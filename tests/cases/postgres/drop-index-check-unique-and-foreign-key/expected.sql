ALTER TABLE IF EXISTS "public"."users" DROP CONSTRAINT IF EXISTS "users_org_fk"
;
ALTER TABLE IF EXISTS "public"."users" DROP CONSTRAINT IF EXISTS "users_email_key"
;
ALTER TABLE IF EXISTS "public"."users" DROP CONSTRAINT IF EXISTS "users_age_check"
;
DROP INDEX IF EXISTS "public"."users_age_idx"
;
