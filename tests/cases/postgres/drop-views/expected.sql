DROP VIEW IF EXISTS "public"."v2"
;
DROP VIEW IF EXISTS "public"."v"
;
-- hazards: deletes-data
DROP MATERIALIZED VIEW IF EXISTS "public"."mv"
;
