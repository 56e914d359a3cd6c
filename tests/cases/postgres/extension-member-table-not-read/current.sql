-- A table an extension owns (as PostGIS owns spatial_ref_sys) is CREATE EXTENSION's, not the
-- model's: not read as a table, so neither dropped by --allow-drop nor listed. ALTER EXTENSION
-- … ADD makes the membership CREATE EXTENSION records (a pg_depend row of type 'e').
CREATE TABLE spatial_ref_sys (srid integer PRIMARY KEY, auth_name varchar(256));
ALTER EXTENSION plpgsql ADD TABLE spatial_ref_sys;
CREATE TABLE places (id integer PRIMARY KEY);
