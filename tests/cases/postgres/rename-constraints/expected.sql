DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'uq_email') THEN
        ALTER TABLE "public"."users" RENAME CONSTRAINT "uq_email" TO "users_email_key";
    END IF;
END
$reconcile$
;
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'ck_age') THEN
        ALTER TABLE "public"."users" RENAME CONSTRAINT "ck_age" TO "users_age_check";
    END IF;
END
$reconcile$
;
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'fk_org') THEN
        ALTER TABLE "public"."users" RENAME CONSTRAINT "fk_org" TO "users_org_id_fkey";
    END IF;
END
$reconcile$
;
