INSERT INTO "public"."countries" ("code", "name", "motto", "eu", "facts") VALUES
    ('DE', 'Germany', 'Einigkeit und Recht
und Freiheit', true, NULL),
    ('NO', 'Norway', '', false, '{"capital": "Oslo", "eea": true}')
ON CONFLICT ("code") DO UPDATE SET "name" = EXCLUDED."name", "motto" = EXCLUDED."motto", "eu" = EXCLUDED."eu", "facts" = EXCLUDED."facts"
;
