-- hazards: deletes-data
ALTER TABLE "public"."t" DROP COLUMN IF EXISTS "feeling"
;
DROP TYPE IF EXISTS "public"."mood"
;
