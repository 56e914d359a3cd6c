CREATE TABLE accounts (id integer CONSTRAINT accounts_id_pk PRIMARY KEY, email text);
