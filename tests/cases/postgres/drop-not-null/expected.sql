ALTER TABLE "public"."people" ALTER COLUMN "nickname" DROP NOT NULL
;
