DROP POLICY IF EXISTS "documents_owner" ON "public"."documents"
;
-- hazards: may-fail
DROP FUNCTION IF EXISTS "public"."current_owner"()
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."current_owner"() RETURNS bigint
    LANGUAGE "sql" STABLE
AS $function$SELECT current_setting('app.owner', true)::bigint$function$
;
-- hazards: may-fail
DO $reconcile$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"public"."documents"'::regclass AND a.attname = 'owner_id'
                 AND NOT a.attisdropped AND (pg_catalog.format_type(a.atttypid, a.atttypmod) <> 'bigint' OR a.attcollation <> (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))) THEN
        ALTER TABLE "public"."documents" ALTER COLUMN "owner_id" TYPE bigint;
    END IF;
END
$reconcile$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."documents"'::regclass AND polname = 'documents_owner') THEN
        EXECUTE $reconcile$CREATE POLICY "documents_owner" ON "public"."documents" AS PERMISSIVE FOR ALL TO PUBLIC USING (owner_id = current_owner())$reconcile$;
    END IF;
END
$reconcile1$
;
COMMENT ON POLICY "documents_owner" ON "public"."documents" IS 'owners only'
;
