DROP POLICY IF EXISTS "orders_legacy" ON "public"."orders"
;
ALTER TABLE "public"."orders" DISABLE ROW LEVEL SECURITY
;
ALTER TABLE "public"."orders" NO FORCE ROW LEVEL SECURITY
;
-- hazards: deletes-data
ALTER TABLE IF EXISTS "public"."orders" DROP COLUMN IF EXISTS "legacy_owner"
;
