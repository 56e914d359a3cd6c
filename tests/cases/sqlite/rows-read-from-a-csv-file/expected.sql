INSERT INTO "countries" ("code", "name", "motto", "eu", "facts") VALUES
    ('DE', 'Germany', 'Einigkeit und Recht
und Freiheit', 1, NULL),
    ('NO', 'Norway', '', 0, '{"capital": "Oslo", "eea": true}')
ON CONFLICT ("code") DO UPDATE SET "name" = EXCLUDED."name", "motto" = EXCLUDED."motto", "eu" = EXCLUDED."eu", "facts" = EXCLUDED."facts"
;
