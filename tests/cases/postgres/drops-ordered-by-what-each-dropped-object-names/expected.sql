-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."first_of"(v1)
;
DROP VIEW IF EXISTS "public"."v1"
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."takes_checked"(checked)
;
DROP DOMAIN IF EXISTS "public"."checked"
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."is_ok"(integer)
;
