CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE FUNCTION order_band(total numeric) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT (total / 100)::integer';
CREATE VIEW banded AS SELECT id, order_band(total) AS band FROM orders;
CREATE VIEW top_bands AS SELECT band FROM banded WHERE band > 5;
