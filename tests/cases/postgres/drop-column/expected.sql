-- hazards: deletes-data
ALTER TABLE IF EXISTS "public"."users" DROP COLUMN IF EXISTS "legacy"
;
