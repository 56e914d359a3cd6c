CREATE TABLE lines (id int PRIMARY KEY, qty int, total int GENERATED ALWAYS AS (qty * 2) STORED);
INSERT INTO lines (id, qty) VALUES (1, 4);
