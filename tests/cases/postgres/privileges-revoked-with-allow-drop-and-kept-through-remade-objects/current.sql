DO $$ BEGIN CREATE ROLE reconcile_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE reconcile_readonly NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE accounts (id int PRIMARY KEY, name text, balance numeric);
GRANT SELECT, DELETE ON accounts TO reconcile_app;
GRANT SELECT ON accounts TO reconcile_readonly WITH GRANT OPTION;
CREATE VIEW account_names AS SELECT name FROM accounts;
GRANT SELECT ON account_names TO reconcile_readonly;
CREATE FUNCTION balance_of(wanted int) RETURNS numeric LANGUAGE sql AS 'SELECT balance FROM accounts WHERE id = wanted';
GRANT EXECUTE ON FUNCTION balance_of(int) TO reconcile_app;
