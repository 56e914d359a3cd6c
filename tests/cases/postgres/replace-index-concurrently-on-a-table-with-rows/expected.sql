-- runs: after_transaction
-- lock wait: long
DROP INDEX CONCURRENTLY IF EXISTS "public"."t_lookup"
;
-- hazards: long-running
-- runs: after_transaction
-- lock wait: long
CREATE INDEX CONCURRENTLY IF NOT EXISTS "t_lookup" ON "public"."t" ("a", "b")
;
