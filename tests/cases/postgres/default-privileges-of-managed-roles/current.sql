DO $$ BEGIN CREATE ROLE reconcile_case_maker NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE reconcile_case_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE reconcile_case_other NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
ALTER DEFAULT PRIVILEGES FOR ROLE reconcile_case_maker IN SCHEMA app GRANT INSERT ON TABLES TO reconcile_case_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE reconcile_case_maker GRANT SELECT ON SEQUENCES TO reconcile_case_other;
