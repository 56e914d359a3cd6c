CREATE TABLE orders (id int PRIMARY KEY, region text);
CREATE POLICY orders_region ON orders USING (region = current_setting('app.region'));
