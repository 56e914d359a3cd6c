CREATE TABLE t (id int PRIMARY KEY);
CREATE SEQUENCE invoice_numbers;
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
