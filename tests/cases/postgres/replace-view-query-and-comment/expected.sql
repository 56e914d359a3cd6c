DROP VIEW IF EXISTS "public"."long_films"
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'long_films') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."long_films" AS SELECT id FROM films WHERE length > 120$reconcile$;
    END IF;
END
$reconcile1$
;
COMMENT ON VIEW "public"."long_films" IS 'Films over two hours'
;
