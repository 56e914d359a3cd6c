DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."prices"'::regclass AND a.attname = 'amount'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'numeric(12,2)' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."prices" ALTER COLUMN "amount" TYPE numeric(12,2);
    END IF;
END
$reconcile$
;
