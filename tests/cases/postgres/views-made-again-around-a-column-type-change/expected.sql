DROP VIEW IF EXISTS "public"."longest"
;
DROP VIEW IF EXISTS "public"."long_films"
;
-- hazards: blocks-reads, may-fail, rewrites-table
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."films"'::regclass AND a.attname = 'length'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'bigint' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."films" ALTER COLUMN "length" TYPE bigint;
    END IF;
END
$reconcile$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'long_films') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."long_films" AS SELECT id, length FROM films WHERE length > 90$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'longest') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."longest" AS SELECT max(length) AS length FROM long_films$reconcile$;
    END IF;
END
$reconcile1$
;
