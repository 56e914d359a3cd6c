DROP TRIGGER IF EXISTS "t_touch" ON "public"."t"
;
-- hazards: may-fail
DROP PROCEDURE IF EXISTS "public"."cleanup"(integer)
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."touch"()
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."unused"(integer)
;
