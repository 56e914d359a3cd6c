DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'public' AND t.typname = 'mood' AND t.typtype = 'e') THEN
        CREATE TYPE "public"."mood" AS ENUM ('ok', 'sad');
    END IF;
END
$reconcile$
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'public' AND t.typname = 'cheerful' AND t.typtype = 'd') THEN
        CREATE DOMAIN "public"."cheerful" AS mood DEFAULT 'ok'::mood;
    END IF;
END
$reconcile$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."is_positive"("x" integer) RETURNS boolean
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT x > 0$function$
;
DO $reconcile$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'public' AND t.typname = 'positive_int' AND t.typtype = 'd') THEN
        CREATE DOMAIN "public"."positive_int" AS integer CONSTRAINT "positive_int_check" CHECK (is_positive(VALUE));
    END IF;
END
$reconcile$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."doubled"("p" positive_int) RETURNS positive_int
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT (p * 2)::positive_int$function$
;
CREATE TABLE IF NOT EXISTS "public"."counters" (
    "id" integer NOT NULL,
    "step" positive_int DEFAULT doubled(1),
    "feeling" cheerful,
    CONSTRAINT "counters_pkey" PRIMARY KEY ("id")
)
;
