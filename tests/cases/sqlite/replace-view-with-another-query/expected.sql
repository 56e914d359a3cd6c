DROP VIEW IF EXISTS "long_films"
;
CREATE VIEW IF NOT EXISTS "long_films" AS SELECT id FROM films WHERE length > 120
;
