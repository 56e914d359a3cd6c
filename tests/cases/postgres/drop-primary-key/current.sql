CREATE TABLE log (id int CONSTRAINT log_pkey PRIMARY KEY, line text);
