DO $$ BEGIN CREATE ROLE reconcile_case_owner NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE orders (id integer PRIMARY KEY);
CREATE SEQUENCE order_numbers OWNED BY orders.id;
CREATE TABLE invoices (id integer PRIMARY KEY);
CREATE SEQUENCE invoice_numbers OWNED BY invoices.id;
