CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL);
