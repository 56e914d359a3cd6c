-- The same values as the model's, written otherwise: the server's equality of each type decides.
CREATE TYPE tier AS ENUM ('free', 'pro');
CREATE DOMAIN short_code AS varchar(8) CHECK (VALUE <> '');
CREATE TABLE settings (
    id smallint PRIMARY KEY,
    code short_code,
    price numeric(10, 2),
    ratio double precision,
    enabled boolean,
    tier tier,
    features jsonb,
    raw json,
    tags text[],
    matrix integer[][],
    starts timestamptz,
    day date,
    at time,
    wait interval,
    uid uuid,
    payload bytea,
    address inet,
    note text
);
INSERT INTO settings VALUES
  (1, 'A1', 10.50, 0.1, true, 'pro', '{"b": [1, 2], "a": {"x": "y"}}', '{"k":  "v"}', '{one,"two words","q\"uote"}',
   '{{1,2},{3,4}}', '2024-01-01 02:00:00+02', '2024-03-01', '10:30', '1 day 02:00:00', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
   '\xDEADBEEF', '10.0.0.1', 'it''s'),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
