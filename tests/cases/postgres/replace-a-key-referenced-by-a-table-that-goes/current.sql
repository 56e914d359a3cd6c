CREATE TABLE users (id int NOT NULL, org int NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));
