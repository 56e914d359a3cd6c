DROP TYPE IF EXISTS "public"."mood"
;
-- hazards: deletes-data
DROP SEQUENCE IF EXISTS "public"."invoice_numbers"
;
DROP DOMAIN IF EXISTS "public"."positive"
;
