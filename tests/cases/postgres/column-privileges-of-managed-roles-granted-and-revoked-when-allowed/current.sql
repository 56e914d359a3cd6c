DO $$ BEGIN CREATE ROLE reconcile_case_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE reconcile_case_other NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE accounts (id integer PRIMARY KEY, email text, secret text);
GRANT SELECT (email) ON accounts TO reconcile_case_other;
GRANT UPDATE (secret), REFERENCES (secret) ON accounts TO reconcile_case_reader;
GRANT SELECT (id) ON accounts TO reconcile_case_reader;
