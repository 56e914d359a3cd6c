CREATE SCHEMA IF NOT EXISTS "billing"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'public' AND t.typname = 'status' AND t.typtype = 'e') THEN
        CREATE TYPE "public"."status" AS ENUM ('open', 'closed');
    END IF;
END
$reconcile$
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'billing' AND t.typname = 'status' AND t.typtype = 'e') THEN
        CREATE TYPE "billing"."status" AS ENUM ('paid', 'due');
    END IF;
END
$reconcile$
;
CREATE TABLE IF NOT EXISTS "billing"."invoices" (
    "id" integer NOT NULL,
    "state" billing.status NOT NULL,
    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
)
;
CREATE TABLE IF NOT EXISTS "public"."tickets" (
    "id" integer NOT NULL,
    "state" status NOT NULL,
    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id")
)
;
INSERT INTO "billing"."invoices" ("id", "state") VALUES
    (1, 'paid'),
    (2, 'due')
ON CONFLICT ("id") DO UPDATE SET "state" = EXCLUDED."state"
;
INSERT INTO "public"."tickets" ("id", "state") VALUES (1, 'open') ON CONFLICT ("id") DO UPDATE SET "state" = EXCLUDED."state"
;
