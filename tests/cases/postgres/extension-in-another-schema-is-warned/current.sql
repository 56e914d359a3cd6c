-- An extension found in another schema than the model's is reported; it is never moved.
CREATE SCHEMA util;
CREATE EXTENSION pg_trgm SCHEMA util;
