CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, org_id int, email text, age int,
  CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs (id),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_age_check CHECK (age > 0));
