CREATE TABLE IF NOT EXISTS "public"."events" (
    "id" integer,
    "kind" text
) PARTITION BY LIST (kind) -- one partition per kind

;
CREATE TABLE IF NOT EXISTS "public"."events_signup" PARTITION OF "public"."events" (
    CONSTRAINT "events_signup_id_check" CHECK (id > 0 -- ids are positive
)
) FOR VALUES IN ('signup') -- the busiest

;
