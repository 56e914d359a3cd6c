-- hazards: blocks-reads, may-fail, rewrites-table
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."events"'::regclass AND a.attname = 'id'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'bigint' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."events" ALTER COLUMN "id" TYPE bigint;
    END IF;
END
$reconcile$
;
-- hazards: may-fail
ALTER SEQUENCE "public"."events_id_seq" AS bigint
;
