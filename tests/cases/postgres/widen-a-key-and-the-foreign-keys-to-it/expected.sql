-- hazards: blocks-reads, may-fail, rewrites-table
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."users"'::regclass AND a.attname = 'id'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'bigint' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."users" ALTER COLUMN "id" TYPE bigint;
    END IF;
END
$reconcile$
;
-- hazards: blocks-reads, may-fail, rewrites-table
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."orders"'::regclass AND a.attname = 'id'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'bigint' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."orders" ALTER COLUMN "id" TYPE bigint;
    END IF;
END
$reconcile$
;
-- hazards: blocks-reads, may-fail, rewrites-table
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."orders"'::regclass AND a.attname = 'user_id'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'bigint' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."orders" ALTER COLUMN "user_id" TYPE bigint;
    END IF;
END
$reconcile$
;
