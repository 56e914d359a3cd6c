-- hazards: may-fail
DO $reconcile$
DECLARE seq regclass := pg_catalog.pg_get_serial_sequence('"public"."orders"', 'id')::regclass; unused boolean;
BEGIN
    EXECUTE pg_catalog.format('SELECT NOT s.is_called AND s.last_value = q.seqstart AND NOT EXISTS (SELECT 1 FROM %s) '
                              'FROM %s s, pg_catalog.pg_sequence q WHERE q.seqrelid = %s', '"public"."orders"'::regclass, seq, seq::oid)
        INTO unused;
    EXECUTE 'ALTER TABLE "public"."orders" ALTER COLUMN "id" SET INCREMENT BY 1 SET NO MINVALUE SET NO MAXVALUE SET START WITH 1 SET CACHE 20 SET NO CYCLE' || CASE WHEN unused THEN ' RESTART' ELSE '' END;
END
$reconcile$
;
