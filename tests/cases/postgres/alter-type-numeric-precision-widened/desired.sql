CREATE TABLE prices (id int PRIMARY KEY, amount numeric(12,2));
