SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."total"() RETURNS numeric
    LANGUAGE "sql" STABLE
BEGIN ATOMIC
  SELECT sum(price) FROM items WHERE price > 0;
END
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."one"() RETURNS integer
    LANGUAGE "sql"
RETURN 1
;
CREATE TABLE IF NOT EXISTS "public"."orders" (
    "id" integer NOT NULL,
    "item_id" integer,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."order_count"() RETURNS bigint
    LANGUAGE "sql" STABLE
BEGIN ATOMIC SELECT count(*) FROM orders; END
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'order_summary') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."order_summary" AS SELECT order_count() AS orders$reconcile$;
    END IF;
END
$reconcile1$
;
