-- hazards: deletes-data
ALTER TABLE "users" DROP COLUMN "legacy"
;
