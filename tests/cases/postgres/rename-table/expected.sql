ALTER TABLE IF EXISTS "public"."customer" RENAME TO "customers"
;
