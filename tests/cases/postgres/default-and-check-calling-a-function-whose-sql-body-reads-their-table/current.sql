-- A default and a check that call functions whose SQL-standard bodies read the same table: a
-- cycle (the body is parsed when the function is made, so the table must be there first).
-- Broken as pg_dump breaks it: the table is made without them, then the functions, then the
-- default is set and the check added.
SELECT 1;
