ALTER TABLE "public"."settings" ALTER COLUMN "a" SET DEFAULT 7
;
ALTER TABLE "public"."settings" ALTER COLUMN "b" SET DEFAULT 'new'
;
ALTER TABLE "public"."settings" ALTER COLUMN "c" DROP DEFAULT
;
