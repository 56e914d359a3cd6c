SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."price_with_tax"("net" numeric, "rate" numeric DEFAULT 0.25) RETURNS numeric
    LANGUAGE "sql" IMMUTABLE STRICT
AS $function$SELECT round(net * (1 + rate), 2)$function$
;
COMMENT ON FUNCTION "public"."price_with_tax"(numeric, numeric) IS 'gross price'
;
