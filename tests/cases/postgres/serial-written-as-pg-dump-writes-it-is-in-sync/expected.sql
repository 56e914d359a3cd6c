ALTER TABLE "public"."items" ADD COLUMN IF NOT EXISTS "name" text
;
