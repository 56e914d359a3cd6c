SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."normalized"("value" text) RETURNS text
    LANGUAGE "sql" IMMUTABLE STRICT PARALLEL SAFE
AS $function$SELECT lower(trim(value))$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."next_code"() RETURNS text
    LANGUAGE "plpgsql"
AS $function$BEGIN
  RETURN 'c' || (SELECT count(*) + 1 FROM items);
END
$function$
;
CREATE TABLE IF NOT EXISTS "public"."items" (
    "id" integer NOT NULL,
    "code" text DEFAULT next_code() NOT NULL,
    "name" text NOT NULL,
    "key" text GENERATED ALWAYS AS (normalized(name)) STORED,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "items_name_not_blank" CHECK (normalized(name) <> '')
)
;
CREATE INDEX IF NOT EXISTS "existing_normalized_name" ON "public"."existing" ((normalized(name)))
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."items_named"("wanted" text) RETURNS SETOF items
    LANGUAGE "sql" STABLE
AS $function$SELECT * FROM items WHERE normalized(name) = normalized(wanted)$function$
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'item_keys') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."item_keys" AS SELECT normalized(items.name) AS key FROM items$reconcile$;
    END IF;
END
$reconcile1$
;
