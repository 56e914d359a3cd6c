INSERT INTO "countries" ("code", "name") VALUES ('DE', 'Germany') ON CONFLICT ("code") DO UPDATE SET "name" = EXCLUDED."name"
;
