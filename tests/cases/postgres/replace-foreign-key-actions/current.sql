CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, org_id int CONSTRAINT users_org_id_fkey REFERENCES orgs (id));
INSERT INTO orgs VALUES (1); INSERT INTO users VALUES (1, 1);
