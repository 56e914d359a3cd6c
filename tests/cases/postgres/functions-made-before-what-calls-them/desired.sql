CREATE FUNCTION normalized(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT lower(trim(value))';
CREATE FUNCTION next_code() RETURNS text LANGUAGE plpgsql AS $$BEGIN
  RETURN 'c' || (SELECT count(*) + 1 FROM items);
END
$$;
CREATE TABLE existing (id int PRIMARY KEY, name text);
CREATE INDEX existing_normalized_name ON existing (normalized(name));
CREATE TABLE items (
  id int PRIMARY KEY,
  code text NOT NULL DEFAULT next_code(),
  name text NOT NULL,
  key text GENERATED ALWAYS AS (normalized(name)) STORED,
  CONSTRAINT items_name_not_blank CHECK (normalized(name) <> '')
);
CREATE FUNCTION items_named(wanted text) RETURNS SETOF items LANGUAGE sql STABLE AS 'SELECT * FROM items WHERE normalized(name) = normalized(wanted)';
CREATE VIEW item_keys AS SELECT normalized(items.name) AS key FROM items;
