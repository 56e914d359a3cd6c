CREATE SEQUENCE items_id_seq;
CREATE TABLE items (id bigint NOT NULL DEFAULT nextval('items_id_seq'::regclass) PRIMARY KEY, name text);
ALTER SEQUENCE items_id_seq OWNED BY items.id;
CREATE SEQUENCE tickets_number;
CREATE TABLE tickets (number bigint NOT NULL DEFAULT nextval('tickets_number'::regclass));
ALTER SEQUENCE tickets_number OWNED BY tickets.number;
CREATE SEQUENCE orders_id_seq AS integer INCREMENT BY 10;
CREATE TABLE orders (id integer NOT NULL DEFAULT nextval('orders_id_seq'::regclass));
ALTER SEQUENCE orders_id_seq OWNED BY orders.id;
