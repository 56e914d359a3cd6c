DO $$ BEGIN CREATE ROLE reconcile_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE reconcile_readonly NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE reconcile_other NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE TABLE app.accounts (id int PRIMARY KEY, name text);
GRANT SELECT ON app.accounts TO reconcile_other;
GRANT SELECT, DELETE ON app.accounts TO reconcile_app;
CREATE FUNCTION app.kept() RETURNS int LANGUAGE sql AS 'SELECT 1';
