SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."current_tenant"() RETURNS integer
    LANGUAGE "sql" STABLE
AS $function$SELECT current_setting('app.tenant', true)::integer$function$
;
CREATE TABLE IF NOT EXISTS "public"."documents" (
    "id" integer NOT NULL,
    "tenant_id" integer NOT NULL,
    "archived" boolean DEFAULT false NOT NULL,
    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
)
;
ALTER TABLE "public"."accounts" ADD COLUMN IF NOT EXISTS "tenant_id" integer
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."accounts"'::regclass AND polname = 'accounts_tenant') THEN
        EXECUTE $reconcile$CREATE POLICY "accounts_tenant" ON "public"."accounts" AS PERMISSIVE FOR ALL TO PUBLIC USING (tenant_id = current_tenant())$reconcile$;
    END IF;
END
$reconcile1$
;
ALTER TABLE "public"."accounts" ENABLE ROW LEVEL SECURITY
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."documents"'::regclass AND polname = 'documents_read') THEN
        EXECUTE $reconcile$CREATE POLICY "documents_read" ON "public"."documents" AS PERMISSIVE FOR SELECT TO "reconcile_app", "reconcile_auditor" USING (tenant_id = current_tenant())$reconcile$;
    END IF;
END
$reconcile1$
;
COMMENT ON POLICY "documents_read" ON "public"."documents" IS 'each tenant reads its own documents'
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."documents"'::regclass AND polname = 'documents_write') THEN
        EXECUTE $reconcile$CREATE POLICY "documents_write" ON "public"."documents" AS PERMISSIVE FOR INSERT TO "reconcile_app" WITH CHECK (tenant_id = current_tenant())$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."documents"'::regclass AND polname = 'documents_change') THEN
        EXECUTE $reconcile$CREATE POLICY "documents_change" ON "public"."documents" AS PERMISSIVE FOR UPDATE TO "reconcile_app" USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant() AND NOT archived)$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."documents"'::regclass AND polname = 'documents_not_archived') THEN
        EXECUTE $reconcile$CREATE POLICY "documents_not_archived" ON "public"."documents" AS RESTRICTIVE FOR DELETE TO PUBLIC USING (NOT archived)$reconcile$;
    END IF;
END
$reconcile1$
;
ALTER TABLE "public"."documents" ENABLE ROW LEVEL SECURITY
;
ALTER TABLE "public"."documents" FORCE ROW LEVEL SECURITY
;
