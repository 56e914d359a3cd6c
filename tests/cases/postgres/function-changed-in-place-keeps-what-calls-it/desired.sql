CREATE FUNCTION price_with_tax(net numeric, rate numeric DEFAULT 0.25) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS 'SELECT round(net * (1 + rate), 2)';
CREATE TABLE products (id int PRIMARY KEY, net numeric NOT NULL);
CREATE VIEW priced AS SELECT id, price_with_tax(net) AS gross FROM products;
COMMENT ON FUNCTION price_with_tax(numeric, numeric) IS 'gross price';
