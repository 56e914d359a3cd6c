CREATE TABLE orders (id integer PRIMARY KEY, quantity integer NOT NULL, cancelled boolean NOT NULL DEFAULT false);
CREATE FUNCTION valid_order(o orders) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT o.quantity > 0 OR o.cancelled$$;
ALTER TABLE orders ADD CONSTRAINT orders_valid CHECK (valid_order(orders.*));
