ALTER TABLE IF EXISTS "public"."measurements" RENAME TO "readings"
;
CREATE INDEX IF NOT EXISTS "readings_value_idx" ON "public"."readings" ("value")
;
