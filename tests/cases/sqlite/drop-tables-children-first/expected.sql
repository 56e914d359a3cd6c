-- hazards: deletes-data
DROP TABLE IF EXISTS "child"
;
-- hazards: deletes-data
DROP TABLE IF EXISTS "parent"
;
