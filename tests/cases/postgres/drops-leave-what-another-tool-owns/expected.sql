CREATE TABLE IF NOT EXISTS "public"."keep" (
    "id" integer NOT NULL,
    CONSTRAINT "keep_pkey" PRIMARY KEY ("id")
)
;
-- hazards: deletes-data
DROP TABLE IF EXISTS "public"."old"
;
