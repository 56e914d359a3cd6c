CREATE TABLE IF NOT EXISTS "app"."made" (
    "id" integer NOT NULL,
    CONSTRAINT "made_pkey" PRIMARY KEY ("id")
)
;
ALTER DOMAIN "app"."positive" OWNER TO "reconcile_case_owner"
;
ALTER FUNCTION "app"."twice"(integer) OWNER TO "reconcile_case_owner"
;
ALTER PROCEDURE "app"."touch"() OWNER TO "reconcile_case_owner"
;
ALTER AGGREGATE "app"."total"(integer) OWNER TO "reconcile_case_owner"
;
ALTER VIEW "app"."items_v" OWNER TO "reconcile_case_owner"
;
ALTER MATERIALIZED VIEW "app"."totals" OWNER TO "reconcile_case_owner"
;
ALTER SEQUENCE "app"."counter" OWNER TO "reconcile_case_owner"
;
ALTER TYPE "app"."mood" OWNER TO "reconcile_case_owner"
;
ALTER SCHEMA "app" OWNER TO "reconcile_case_owner"
;
ALTER TABLE "app"."items" OWNER TO "reconcile_case_owner"
;
ALTER TABLE "app"."made" OWNER TO "reconcile_case_owner"
;
