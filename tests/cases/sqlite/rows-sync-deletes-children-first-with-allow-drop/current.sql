CREATE TABLE roles (id integer NOT NULL PRIMARY KEY, name text NOT NULL);
CREATE TABLE permissions (role_id integer NOT NULL REFERENCES roles (id), code text NOT NULL, PRIMARY KEY (role_id, code));
INSERT INTO roles VALUES (1, 'viewer'), (2, 'admin'), (3, 'legacy');
INSERT INTO permissions VALUES (1, 'read'), (2, 'read'), (2, 'write'), (3, 'read'), (3, 'legacy.export');
