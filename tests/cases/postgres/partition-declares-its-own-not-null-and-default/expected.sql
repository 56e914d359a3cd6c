CREATE TABLE IF NOT EXISTS "public"."measurements" (
    "id" integer NOT NULL,
    "taken_on" date,
    "v" integer
) PARTITION BY RANGE (taken_on)
;
CREATE TABLE IF NOT EXISTS "public"."measurements_2024" PARTITION OF "public"."measurements" (
    "id" WITH OPTIONS NOT NULL,
    "v" WITH OPTIONS DEFAULT 7 NOT NULL
) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
;
