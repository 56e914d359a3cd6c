DO $$ BEGIN CREATE ROLE reconcile_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE accounts (id int PRIMARY KEY, name text, balance numeric);
CREATE VIEW account_names AS SELECT id, name FROM accounts;
GRANT SELECT ON account_names TO reconcile_app WITH GRANT OPTION;
CREATE FUNCTION balance_of(wanted int) RETURNS text LANGUAGE sql AS 'SELECT balance::text FROM accounts WHERE id = wanted';
REVOKE EXECUTE ON FUNCTION balance_of(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION balance_of(int) TO reconcile_app;
