DO $$ BEGIN CREATE ROLE reconcile_owner NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE reconcile_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE owned (id int PRIMARY KEY);
ALTER TABLE owned OWNER TO reconcile_owner;
CREATE FUNCTION count_step(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
