-- hazards: deletes-data
DROP TABLE IF EXISTS "public"."child"
;
-- hazards: deletes-data
DROP TABLE IF EXISTS "public"."parent"
;
