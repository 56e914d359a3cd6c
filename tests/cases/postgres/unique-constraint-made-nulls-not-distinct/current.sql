CREATE TABLE devices (id integer PRIMARY KEY, serial text, CONSTRAINT devices_serial_key UNIQUE (serial));
INSERT INTO devices VALUES (1, 'A1'), (2, NULL);
