-- hazards: may-fail
DO $reconcile$
DECLARE nulls bigint;
BEGIN
    SELECT count(*) INTO nulls FROM "public"."orders" WHERE "customer" IS NULL;
    IF nulls > 0 THEN
        RAISE EXCEPTION 'column public.orders.customer has % NULL value(s), so it cannot be made NOT NULL; set them first', nulls;
    END IF;
END
$reconcile$
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."orders"'::regclass AND conname = 'orders_customer_not_null') THEN
        ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_customer_not_null" CHECK ("customer" IS NOT NULL) NOT VALID;
    END IF;
END
$reconcile$
;
-- hazards: may-fail, validates
-- runs: after_transaction
-- lock wait: long
ALTER TABLE "public"."orders" VALIDATE CONSTRAINT "orders_customer_not_null"
;
-- runs: after_transaction
ALTER TABLE "public"."orders" ALTER COLUMN "customer" SET NOT NULL
;
-- runs: after_transaction
ALTER TABLE IF EXISTS "public"."orders" DROP CONSTRAINT IF EXISTS "orders_customer_not_null"
;
