ALTER TABLE IF EXISTS "public"."orders" DROP CONSTRAINT IF EXISTS "orders_user_id_fkey"
;
ALTER TABLE IF EXISTS "public"."users" DROP CONSTRAINT IF EXISTS "users_pkey"
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"public"."users"'::regclass AND contype = 'p') THEN
        ALTER TABLE "public"."users" ADD CONSTRAINT "users_pkey" PRIMARY KEY ("org", "id");
    END IF;
END
$reconcile$
;
-- hazards: deletes-data
DROP TABLE IF EXISTS "public"."orders"
;
