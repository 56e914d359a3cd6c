GRANT SELECT ("email") ON TABLE "public"."accounts" TO "reconcile_case_reader" WITH GRANT OPTION
;
REVOKE UPDATE ("secret"), REFERENCES ("secret") ON TABLE "public"."accounts" FROM "reconcile_case_reader"
;
