CREATE TABLE memberships (user_id int NOT NULL, org_id int NOT NULL, CONSTRAINT memberships_pkey PRIMARY KEY (user_id, org_id));
