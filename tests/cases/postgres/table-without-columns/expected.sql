CREATE TABLE IF NOT EXISTS "public"."placeholder" (
)
;
