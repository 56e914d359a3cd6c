CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, org_id int, age int);
INSERT INTO orgs VALUES (1); INSERT INTO users VALUES (1, 1, 30), (2, NULL, 40);
