DROP POLICY IF EXISTS "notes_command" ON "public"."notes"
;
DROP POLICY IF EXISTS "notes_as" ON "public"."notes"
;
DROP POLICY IF EXISTS "notes_check_removed" ON "public"."notes"
;
COMMENT ON POLICY "notes_comment" ON "public"."notes" IS 'everyone'
;
ALTER POLICY "notes_roles" ON "public"."notes" TO "reconcile_app", "reconcile_auditor" USING (owner = current_user OR body IS NULL)
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."notes"'::regclass AND polname = 'notes_command') THEN
        EXECUTE $reconcile$CREATE POLICY "notes_command" ON "public"."notes" AS PERMISSIVE FOR ALL TO PUBLIC USING (owner = current_user)$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."notes"'::regclass AND polname = 'notes_as') THEN
        EXECUTE $reconcile$CREATE POLICY "notes_as" ON "public"."notes" AS RESTRICTIVE FOR DELETE TO PUBLIC USING (owner = current_user)$reconcile$;
    END IF;
END
$reconcile1$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = '"public"."notes"'::regclass AND polname = 'notes_check_removed') THEN
        EXECUTE $reconcile$CREATE POLICY "notes_check_removed" ON "public"."notes" AS PERMISSIVE FOR UPDATE TO PUBLIC USING (owner = current_user)$reconcile$;
    END IF;
END
$reconcile1$
;
