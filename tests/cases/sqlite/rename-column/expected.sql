ALTER TABLE "people" RENAME COLUMN "fullname" TO "display_name"
;
