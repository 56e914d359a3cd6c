-- hazards: deletes-data
DROP TABLE IF EXISTS "old"
;
