CREATE TABLE IF NOT EXISTS "public"."accounts" (
    "id" integer NOT NULL,
    "code" integer NOT NULL,
    "parent" integer,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."next_code"() RETURNS integer
    LANGUAGE "sql"
RETURN (SELECT coalesce(max(code), 0) + 1 FROM accounts)
;
ALTER TABLE "public"."accounts" ALTER COLUMN "code" SET DEFAULT next_code()
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."known_account"("wanted" integer) RETURNS boolean
    LANGUAGE "sql" STABLE
RETURN EXISTS (SELECT 1 FROM accounts WHERE id = wanted)
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."accounts"'::regclass AND conname = 'accounts_parent_known') THEN
        ALTER TABLE "public"."accounts" ADD CONSTRAINT "accounts_parent_known" CHECK (parent IS NULL OR known_account(parent));
    END IF;
END
$reconcile$
;
