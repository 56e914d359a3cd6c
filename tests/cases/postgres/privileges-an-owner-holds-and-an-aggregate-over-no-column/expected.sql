CREATE OR REPLACE AGGREGATE "public"."count_rows"(*) (
    SFUNC = "public"."count_step",
    STYPE = bigint,
    INITCOND = '0'
)
;
GRANT SELECT ON TABLE "public"."owned" TO "reconcile_app"
;
GRANT EXECUTE ON ROUTINE "public"."count_rows"() TO "reconcile_app"
;
