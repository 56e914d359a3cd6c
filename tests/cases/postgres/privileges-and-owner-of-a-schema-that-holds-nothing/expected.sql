ALTER SCHEMA "lonely" OWNER TO "reconcile_case_owner"
;
GRANT USAGE ON SCHEMA "lonely" TO "reconcile_case_reader"
;
