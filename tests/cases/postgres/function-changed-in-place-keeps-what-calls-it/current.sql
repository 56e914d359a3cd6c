CREATE FUNCTION price_with_tax(net numeric, rate numeric DEFAULT 0.2) RETURNS numeric LANGUAGE sql AS 'SELECT net * (1 + rate)';
CREATE TABLE products (id int PRIMARY KEY, net numeric NOT NULL);
CREATE VIEW priced AS SELECT id, price_with_tax(net) AS gross FROM products;
COMMENT ON FUNCTION price_with_tax(numeric, numeric) IS 'old';
