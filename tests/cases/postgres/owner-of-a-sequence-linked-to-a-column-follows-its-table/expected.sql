ALTER TABLE "public"."orders" OWNER TO "reconcile_case_owner"
;
