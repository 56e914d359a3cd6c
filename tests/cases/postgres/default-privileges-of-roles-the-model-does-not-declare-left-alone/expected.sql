CREATE TABLE IF NOT EXISTS "public"."t" (
    "id" integer NOT NULL,
    CONSTRAINT "t_pkey" PRIMARY KEY ("id")
)
;
