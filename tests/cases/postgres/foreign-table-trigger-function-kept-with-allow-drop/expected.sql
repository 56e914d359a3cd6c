-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."unused"()
;
