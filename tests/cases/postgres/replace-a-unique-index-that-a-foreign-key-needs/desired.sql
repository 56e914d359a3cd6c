CREATE TABLE orgs (id int PRIMARY KEY, code text NOT NULL);
CREATE UNIQUE INDEX orgs_code_idx ON orgs (code) WITH (fillfactor = 70);
CREATE TABLE users (id int PRIMARY KEY, org_code text CONSTRAINT users_org_code_fkey REFERENCES orgs (code));
