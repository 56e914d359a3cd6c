CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, org_id int CONSTRAINT users_org_id_fkey REFERENCES orgs (id) ON DELETE CASCADE);
