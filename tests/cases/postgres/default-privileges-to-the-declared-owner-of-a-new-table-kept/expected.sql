CREATE TABLE IF NOT EXISTS "public"."t" (
    "id" integer NOT NULL,
    CONSTRAINT "t_pkey" PRIMARY KEY ("id")
)
;
ALTER TABLE "public"."t" OWNER TO "reconcile_case_owner"
;
