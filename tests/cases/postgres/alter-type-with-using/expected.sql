-- hazards: blocks-reads, rewrites-table
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."items"'::regclass AND a.attname = 'code'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'integer' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."items" ALTER COLUMN "code" TYPE integer USING trim(code)::integer;
    END IF;
END
$reconcile$
;
