DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."people"'::regclass AND a.attname = 'fullname'
                 AND NOT a.attisdropped) THEN
        ALTER TABLE "public"."people" RENAME COLUMN "fullname" TO "display_name";
    END IF;
END
$reconcile$
;
