CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, org_id int, email text, age int,
  CONSTRAINT fk_org FOREIGN KEY (org_id) REFERENCES orgs (id),
  CONSTRAINT uq_email UNIQUE (email),
  CONSTRAINT ck_age CHECK (age > 0));
