-- hazards: may-fail
DROP PROCEDURE IF EXISTS "public"."cleanup"(integer)
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."unused"(integer)
;
