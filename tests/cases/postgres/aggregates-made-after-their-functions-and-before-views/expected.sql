SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."_concat"(text, text) RETURNS text
    LANGUAGE "sql" IMMUTABLE
AS $function$SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."_avg_step"(numeric[], numeric) RETURNS numeric[]
    LANGUAGE "sql" IMMUTABLE STRICT PARALLEL SAFE
AS $function$SELECT ARRAY[$1[1] + $2, $1[2] + 1]$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."_avg_combine"(numeric[], numeric[]) RETURNS numeric[]
    LANGUAGE "sql" IMMUTABLE STRICT PARALLEL SAFE
AS $function$SELECT ARRAY[$1[1] + $2[1], $1[2] + $2[2]]$function$
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."_avg_final"(numeric[]) RETURNS numeric
    LANGUAGE "sql" IMMUTABLE PARALLEL SAFE
AS $function$SELECT CASE WHEN $1[2] = 0 THEN NULL ELSE round($1[1] / $1[2], 2) END$function$
;
CREATE TABLE IF NOT EXISTS "public"."ratings" (
    "film_id" integer,
    "stars" integer
)
;
SET LOCAL check_function_bodies = off
;
CREATE OR REPLACE FUNCTION "public"."_longest"(ratings, ratings) RETURNS ratings
    LANGUAGE "sql"
AS $function$SELECT CASE WHEN $1 IS NULL OR ($2).stars > ($1).stars THEN $2 ELSE $1 END$function$
;
CREATE OR REPLACE AGGREGATE "public"."concat_all"(text) (
    SFUNC = "public"."_concat",
    STYPE = text
)
;
COMMENT ON AGGREGATE "public"."concat_all"(text) IS 'joins with commas'
;
CREATE OR REPLACE AGGREGATE "public"."mean"(numeric) (
    SFUNC = "public"."_avg_step",
    STYPE = numeric[],
    FINALFUNC = "public"."_avg_final",
    COMBINEFUNC = "public"."_avg_combine",
    INITCOND = '{0,0}',
    PARALLEL = SAFE
)
;
CREATE OR REPLACE AGGREGATE "public"."best"(ratings) (
    SFUNC = "public"."_longest",
    STYPE = ratings
)
;
DO $reconcile1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relname = 'film_summary') THEN
        EXECUTE $reconcile$CREATE VIEW "public"."film_summary" AS SELECT concat_all(films.title) AS titles, mean((films.length)::numeric) AS mean_length FROM films$reconcile$;
    END IF;
END
$reconcile1$
;
