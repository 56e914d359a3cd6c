CREATE TABLE IF NOT EXISTS "public"."made" (
    "id" integer NOT NULL,
    CONSTRAINT "made_pkey" PRIMARY KEY ("id")
)
;
CREATE TABLE IF NOT EXISTS "public"."plain" (
    "id" integer NOT NULL,
    CONSTRAINT "plain_pkey" PRIMARY KEY ("id")
)
;
GRANT INSERT ON TABLE "public"."made" TO "reconcile_case_reader"
;
REVOKE SELECT ON TABLE "public"."plain" FROM "reconcile_case_reader"
;
