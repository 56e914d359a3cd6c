-- hazards: deletes-data
DROP TABLE IF EXISTS "public"."tmp_12"
;
