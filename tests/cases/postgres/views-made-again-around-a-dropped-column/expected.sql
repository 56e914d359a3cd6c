DROP VIEW IF EXISTS "public"."long_films"
;
DROP VIEW IF EXISTS "public"."all_films"
;
-- hazards: deletes-data
ALTER TABLE IF EXISTS "public"."films" DROP COLUMN IF EXISTS "rating"
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'all_films') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."all_films" AS SELECT * FROM films$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'long_films') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."long_films" AS SELECT id FROM all_films WHERE length > 90$reconcile$;
    END IF;
END
$reconcile1$
;
