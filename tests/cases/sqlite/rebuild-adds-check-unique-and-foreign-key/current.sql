CREATE TABLE orgs (id INTEGER PRIMARY KEY);
CREATE TABLE users (id INTEGER PRIMARY KEY, org_id integer, email text, age integer);
INSERT INTO orgs VALUES (1); INSERT INTO users VALUES (1, 1, 'a@example.com', 30);
