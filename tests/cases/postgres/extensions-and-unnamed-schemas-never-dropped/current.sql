-- Even with --allow-drop, an extension the model leaves out stays, and a schema the model does
-- not name is not read, so nothing in it is dropped.
CREATE EXTENSION pg_trgm;
CREATE SCHEMA reporting;
CREATE TABLE reporting.daily (day date PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY);
