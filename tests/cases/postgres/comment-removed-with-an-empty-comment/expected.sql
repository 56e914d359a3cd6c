COMMENT ON TABLE "public"."t" IS NULL
;
