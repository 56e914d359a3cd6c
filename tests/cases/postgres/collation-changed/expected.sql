-- hazards: blocks-writes
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."words"'::regclass AND a.attname = 'w'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'text' OR a.attcollation <> (SELECT c.oid FROM pg_catalog.pg_collation c WHERE c.collname = 'C' LIMIT 1))) THEN
        ALTER TABLE "public"."words" ALTER COLUMN "w" TYPE text COLLATE "C";
    END IF;
END
$reconcile$
;
