DROP INDEX IF EXISTS "public"."t_lookup"
;
CREATE INDEX IF NOT EXISTS "t_lookup" ON "public"."t" ("a", "b")
;
