CREATE TABLE counters (id int PRIMARY KEY, n bigint DEFAULT 1);
