CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, org_id int REFERENCES orgs (id), age int CONSTRAINT users_age_check CHECK (age > 0));
