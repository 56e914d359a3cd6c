-- hazards: deletes-data
ALTER TABLE "public"."users" DROP COLUMN IF EXISTS "legacy"
;
