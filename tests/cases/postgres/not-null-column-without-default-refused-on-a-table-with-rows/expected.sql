-- hazards: may-fail
ALTER TABLE "public"."users" ADD COLUMN IF NOT EXISTS "email" text NOT NULL
;
-- hazards: long-running
-- runs: after_transaction
-- lock wait: long
CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_id_email" ON "public"."users" ("id", "email")
;
