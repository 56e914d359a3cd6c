DROP VIEW IF EXISTS "public"."top_bands"
;
DROP VIEW IF EXISTS "public"."banded"
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."order_band"(numeric)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."order_band"("total" numeric) RETURNS text
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT 'band ' || (total / 100)::integer$function$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'banded') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."banded" AS SELECT orders.id, order_band(orders.total) AS band FROM orders$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'top_bands') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."top_bands" AS SELECT banded.band FROM banded WHERE banded.band > 'band 5'$reconcile$;
    END IF;
END
$reconcile1$
;
