INSERT INTO "public"."plans" ("id", "name", "price") VALUES (4, 'enterprise', 199.5) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "price" = EXCLUDED."price"
;
UPDATE "public"."plans" SET "name" = 'pro', "seats" = 10 WHERE "id" = 2
;
