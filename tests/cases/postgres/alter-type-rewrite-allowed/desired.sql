CREATE TABLE events (id int PRIMARY KEY, n bigint);
