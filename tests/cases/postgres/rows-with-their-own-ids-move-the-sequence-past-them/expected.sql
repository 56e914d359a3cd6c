CREATE TABLE IF NOT EXISTS "public"."kinds" (
    "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    "name" text NOT NULL,
    CONSTRAINT "kinds_pkey" PRIMARY KEY ("id")
)
;
INSERT INTO "public"."statuses" ("id", "name") VALUES (5, 'published') ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name"
;
SELECT pg_catalog.setval(q.seq, m.top) FROM (SELECT pg_catalog.pg_get_serial_sequence('"public"."statuses"', 'id')::regclass AS seq) AS q, (SELECT max("id") AS top FROM "public"."statuses") AS m WHERE m.top > COALESCE(pg_catalog.pg_sequence_last_value(q.seq), 0)
;
INSERT INTO "public"."kinds" ("id", "name") OVERRIDING SYSTEM VALUE VALUES
    (10, 'article'),
    (20, 'page')
ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name"
;
SELECT pg_catalog.setval(q.seq, m.top) FROM (SELECT pg_catalog.pg_get_serial_sequence('"public"."kinds"', 'id')::regclass AS seq) AS q, (SELECT max("id") AS top FROM "public"."kinds") AS m WHERE m.top > COALESCE(pg_catalog.pg_sequence_last_value(q.seq), 0)
;
