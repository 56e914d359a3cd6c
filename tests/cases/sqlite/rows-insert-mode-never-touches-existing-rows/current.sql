CREATE TABLE feature_flags (name text NOT NULL PRIMARY KEY, enabled boolean NOT NULL DEFAULT false);
INSERT INTO feature_flags VALUES ('new_checkout', 1);
