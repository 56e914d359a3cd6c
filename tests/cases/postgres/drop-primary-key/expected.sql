ALTER TABLE "public"."log" DROP CONSTRAINT IF EXISTS "log_pkey"
;
