CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, org_id int, age int);
INSERT INTO orgs VALUES (1); INSERT INTO users VALUES (1, 1, 30);
ALTER TABLE users ADD CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age > 0) NOT VALID;
