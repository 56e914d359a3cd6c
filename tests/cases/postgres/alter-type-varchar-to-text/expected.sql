DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."notes"'::regclass AND a.attname = 'body'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'text' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."notes" ALTER COLUMN "body" TYPE text;
    END IF;
END
$reconcile$
;
