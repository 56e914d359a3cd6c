DROP TRIGGER IF EXISTS "items_legacy" ON "public"."items"
;
-- hazards: deletes-data
ALTER TABLE IF EXISTS "public"."items" DROP COLUMN IF EXISTS "legacy"
;
