DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."users"'::regclass AND a.attname = 'email'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'character varying(200)' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."users" ALTER COLUMN "email" TYPE character varying(200);
    END IF;
END
$reconcile$
;
