CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL);
