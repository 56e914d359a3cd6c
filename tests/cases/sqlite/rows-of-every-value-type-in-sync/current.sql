-- The model's values as an application would have stored them: SQLite keeps what it is given,
-- converted by the column's affinity.
CREATE TABLE settings (
    id integer NOT NULL PRIMARY KEY,
    seats integer,
    price numeric(10, 2),
    ratio real,
    enabled boolean,
    name varchar(20),
    starts datetime,
    day date,
    rules json,
    note text
);
INSERT INTO settings VALUES (1, 10, 19.9, 0.5, 1, 'pro', '2024-01-01T00:00:00Z', '2024-03-01', '{"a":1}', 'it''s'),
                            (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
