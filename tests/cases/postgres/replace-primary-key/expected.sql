ALTER TABLE IF EXISTS "public"."memberships" DROP CONSTRAINT IF EXISTS "memberships_pkey"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."memberships"'::regclass AND contype = 'p') THEN
        ALTER TABLE "public"."memberships" ADD CONSTRAINT "memberships_pkey" PRIMARY KEY ("user_id", "org_id");
    END IF;
END
$reconcile$
;
