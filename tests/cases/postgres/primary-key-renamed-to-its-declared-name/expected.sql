DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."accounts"'::regclass AND conname = 'accounts_pkey') THEN
        ALTER TABLE "public"."accounts" RENAME CONSTRAINT "accounts_pkey" TO "accounts_id_pk";
    END IF;
END
$reconcile$
;
