-- PostgreSQL cannot change how a table is partitioned in place: reported, no SQL.
CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
