ALTER TABLE "old_users" RENAME TO "users"
;
ALTER TABLE "users" RENAME COLUMN "mail" TO "email"
;
