DROP MATERIALIZED VIEW IF EXISTS "public"."film_count"
;
-- hazards: long-running
CREATE MATERIALIZED VIEW IF NOT EXISTS "public"."film_count" AS SELECT count(*) AS n FROM films WHERE length > 60
;
CREATE UNIQUE INDEX IF NOT EXISTS "film_count_n" ON "public"."film_count" ("n")
;
