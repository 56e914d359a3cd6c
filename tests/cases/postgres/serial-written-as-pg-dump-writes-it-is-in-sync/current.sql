-- pg_dump writes a serial column as an integer with DEFAULT nextval() of a sequence it owns;
-- a model written the same way is in sync with it (the catalog reads both as serial), and a
-- new column is all there is to add. Another name, and a sequence that is not serial's, stay as
-- written.
CREATE SEQUENCE items_id_seq;
CREATE TABLE items (id bigint NOT NULL DEFAULT nextval('items_id_seq'::regclass) PRIMARY KEY);
ALTER SEQUENCE items_id_seq OWNED BY items.id;
CREATE SEQUENCE tickets_number;
CREATE TABLE tickets (number bigint NOT NULL DEFAULT nextval('tickets_number'::regclass));
ALTER SEQUENCE tickets_number OWNED BY tickets.number;
CREATE SEQUENCE orders_id_seq AS integer INCREMENT BY 10;
CREATE TABLE orders (id integer NOT NULL DEFAULT nextval('orders_id_seq'::regclass));
ALTER SEQUENCE orders_id_seq OWNED BY orders.id;
