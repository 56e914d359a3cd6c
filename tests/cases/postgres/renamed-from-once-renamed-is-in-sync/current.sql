CREATE TABLE customers (id int PRIMARY KEY, display_name text);
