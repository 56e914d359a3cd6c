-- hazards: may-fail
DO $reconcile$
DECLARE called boolean;
BEGIN
    EXECUTE pg_catalog.format('SELECT is_called FROM %s', pg_catalog.pg_get_serial_sequence('"public"."tickets"', 'id')) INTO called;
    EXECUTE 'ALTER TABLE "public"."tickets" ALTER COLUMN "id" SET INCREMENT BY -2 SET MINVALUE -100 SET NO MAXVALUE SET START WITH -10 SET CACHE 5 SET CYCLE' || CASE WHEN called THEN '' ELSE ' RESTART' END;
END
$reconcile$
;
-- hazards: may-fail
DO $reconcile$
DECLARE called boolean;
BEGIN
    EXECUTE pg_catalog.format('SELECT is_called FROM %s', pg_catalog.pg_get_serial_sequence('"public"."refunds"', 'id')) INTO called;
    EXECUTE 'ALTER TABLE "public"."refunds" ALTER COLUMN "id" SET INCREMENT BY 1 SET NO MINVALUE SET NO MAXVALUE SET START WITH 1 SET CACHE 1 SET NO CYCLE' || CASE WHEN called THEN '' ELSE ' RESTART' END;
END
$reconcile$
;
-- hazards: may-fail
DO $reconcile$
DECLARE called boolean;
BEGIN
    EXECUTE pg_catalog.format('SELECT is_called FROM %s', pg_catalog.pg_get_serial_sequence('"public"."orders"', 'id')) INTO called;
    EXECUTE 'ALTER TABLE "public"."orders" ALTER COLUMN "id" SET INCREMENT BY 5 SET NO MINVALUE SET MAXVALUE 1000000 SET START WITH 1 SET CACHE 1 SET NO CYCLE' || CASE WHEN called THEN '' ELSE ' RESTART' END;
END
$reconcile$
;
