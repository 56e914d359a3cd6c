-- hazards: deletes-data
ALTER TABLE IF EXISTS "public"."t" DROP COLUMN IF EXISTS "feeling"
;
DROP TYPE IF EXISTS "public"."mood"
;
