CREATE TABLE IF NOT EXISTS "public"."orders" (
    "id" integer NOT NULL,
    "quantity" integer NOT NULL,
    "cancelled" boolean DEFAULT false NOT NULL,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."valid_order"("o" orders) RETURNS boolean
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT o.quantity > 0 OR o.cancelled$function$
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."orders"'::regclass AND conname = 'orders_valid') THEN
        ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_valid" CHECK (valid_order(orders.*));
    END IF;
END
$reconcile$
;
