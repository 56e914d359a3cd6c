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
