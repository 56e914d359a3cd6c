DROP INDEX IF EXISTS "public"."t_lookup"
;
-- hazards: blocks-writes
CREATE INDEX IF NOT EXISTS "t_lookup" ON "public"."t" ("a", "b")
;
