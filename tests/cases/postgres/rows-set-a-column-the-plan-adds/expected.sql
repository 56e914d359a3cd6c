ALTER TABLE "public"."plans" ALTER COLUMN "name" DROP NOT NULL
;
ALTER TABLE "public"."plans" ADD COLUMN IF NOT EXISTS "seats" integer DEFAULT 1 NOT NULL
;
UPDATE "public"."plans" SET "name" = NULL WHERE "id" = 1
;
UPDATE "public"."plans" SET "seats" = 10 WHERE "id" = 2
;
