DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."invoices"'::regclass AND conname = 'invoices_total_positive') THEN
        ALTER TABLE "public"."invoices" ADD CONSTRAINT "invoices_total_positive" CHECK (total > 0) NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: long-running, may-fail
-- runs: after_transaction
-- lock wait: long
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "accounts_email_key" ON "public"."accounts" ("email")
;
-- runs: after_transaction
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."accounts"'::regclass AND conname = 'accounts_email_key') THEN
        ALTER TABLE "public"."accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE USING INDEX "accounts_email_key";
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."invoices" VALIDATE CONSTRAINT "invoices_total_positive"
;
-- hazards: long-running
-- runs: after_transaction
-- lock wait: long
CREATE INDEX CONCURRENTLY IF NOT EXISTS "accounts_region_idx" ON "public"."accounts" ("region")
;
-- runs: after_transaction
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."invoices"'::regclass AND conname = 'invoices_account_email_fkey') THEN
        ALTER TABLE "public"."invoices" ADD CONSTRAINT "invoices_account_email_fkey" FOREIGN KEY ("account_email") REFERENCES "public"."accounts" ("email") NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."invoices" VALIDATE CONSTRAINT "invoices_account_email_fkey"
;
