CREATE TABLE measurements (id integer NOT NULL, taken_on date, v integer) PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2024 PARTITION OF measurements (v NOT NULL DEFAULT 7) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
