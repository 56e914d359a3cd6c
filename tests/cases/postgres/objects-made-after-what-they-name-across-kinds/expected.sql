CREATE TABLE IF NOT EXISTS "public"."users" (
    "id" integer NOT NULL,
    "first" text NOT NULL,
    "last" text NOT NULL,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."full_name"("u" users) RETURNS text
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT u.first || ' ' || u.last$function$
;
CREATE INDEX IF NOT EXISTS "users_full_name" ON "public"."users" ((full_name(users.*)))
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'user_firsts') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."user_firsts" AS SELECT users.id, users.first FROM users$reconcile$;
    END IF;
END
$reconcile1$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."first_of"("r" user_firsts) RETURNS text
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT r.first$function$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'greetings') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."greetings" AS SELECT ('hello '::text || first_of(user_firsts.*)) AS greeting FROM user_firsts$reconcile$;
    END IF;
END
$reconcile1$
;
