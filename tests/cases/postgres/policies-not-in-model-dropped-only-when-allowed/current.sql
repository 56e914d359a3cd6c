CREATE TABLE orders (id int PRIMARY KEY, region text, legacy_owner text);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY orders_region ON orders USING (region = current_setting('app.region'));
CREATE POLICY orders_legacy ON orders FOR UPDATE USING (legacy_owner = current_user);
