DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."people"'::regclass AND a.attname = 'age_text'
                 AND NOT a.attisdropped) THEN
        ALTER TABLE "public"."people" RENAME COLUMN "age_text" TO "age";
    END IF;
END
$reconcile$
;
-- hazards: blocks-reads, rewrites-table
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."people"'::regclass AND a.attname = 'age'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'integer' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."people" ALTER COLUMN "age" TYPE integer USING age::integer;
    END IF;
END
$reconcile$
;
