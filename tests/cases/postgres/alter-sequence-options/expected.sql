-- hazards: may-fail
ALTER SEQUENCE "public"."invoice_numbers" AS bigint INCREMENT BY 10 CACHE 5
;
