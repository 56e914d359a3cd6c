CREATE TABLE readings (id integer PRIMARY KEY, value integer, CONSTRAINT readings_value_positive CHECK (value > 0) NO INHERIT);
