-- SQL-standard bodies (PostgreSQL 14+) are parsed when the function is made and printed back
-- the server's way (RETURN (x * 2), items.price): the model's own text is compared through the
-- server, and a new one is made after the table its body names.
CREATE TABLE items (id integer PRIMARY KEY, price numeric);
CREATE FUNCTION twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x * 2;
CREATE FUNCTION total() RETURNS numeric LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(price) FROM items; END;
CREATE FUNCTION one() RETURNS integer LANGUAGE sql AS 'SELECT 1';
