CREATE TABLE users (id int NOT NULL, org int NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (org, id));
