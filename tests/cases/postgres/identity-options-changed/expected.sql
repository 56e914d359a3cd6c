-- hazards: may-fail
DO $reconcile$
DECLARE seq regclass := pg_catalog.pg_get_serial_sequence('"public"."tickets"', 'id')::regclass; unused boolean;
BEGIN
    EXECUTE pg_catalog.format('SELECT NOT s.is_called AND s.last_value = q.seqstart AND NOT EXISTS (SELECT 1 FROM %s) '
                              'FROM %s s, pg_catalog.pg_sequence q WHERE q.seqrelid = %s', '"public"."tickets"'::regclass, seq, seq::oid)
        INTO unused;
    EXECUTE 'ALTER TABLE "public"."tickets" ALTER COLUMN "id" SET INCREMENT BY -2 SET MINVALUE -100 SET NO MAXVALUE SET START WITH -10 SET CACHE 5 SET CYCLE' || CASE WHEN unused THEN ' RESTART' ELSE '' END;
END
$reconcile$
;
-- hazards: may-fail
DO $reconcile$
DECLARE seq regclass := pg_catalog.pg_get_serial_sequence('"public"."refunds"', 'id')::regclass; unused boolean;
BEGIN
    EXECUTE pg_catalog.format('SELECT NOT s.is_called AND s.last_value = q.seqstart AND NOT EXISTS (SELECT 1 FROM %s) '
                              'FROM %s s, pg_catalog.pg_sequence q WHERE q.seqrelid = %s', '"public"."refunds"'::regclass, seq, seq::oid)
        INTO unused;
    EXECUTE 'ALTER TABLE "public"."refunds" ALTER COLUMN "id" SET INCREMENT BY 1 SET NO MINVALUE SET NO MAXVALUE SET START WITH 1 SET CACHE 1 SET NO CYCLE' || CASE WHEN unused THEN ' RESTART' ELSE '' END;
END
$reconcile$
;
-- hazards: may-fail
DO $reconcile$
DECLARE seq regclass := pg_catalog.pg_get_serial_sequence('"public"."orders"', 'id')::regclass; unused boolean;
BEGIN
    EXECUTE pg_catalog.format('SELECT NOT s.is_called AND s.last_value = q.seqstart AND NOT EXISTS (SELECT 1 FROM %s) '
                              'FROM %s s, pg_catalog.pg_sequence q WHERE q.seqrelid = %s', '"public"."orders"'::regclass, seq, seq::oid)
        INTO unused;
    EXECUTE 'ALTER TABLE "public"."orders" ALTER COLUMN "id" SET INCREMENT BY 5 SET NO MINVALUE SET MAXVALUE 1000000 SET START WITH 1 SET CACHE 1 SET NO CYCLE' || CASE WHEN unused THEN ' RESTART' ELSE '' END;
END
$reconcile$
;
