CREATE TABLE bookings (id int PRIMARY KEY, during tstzrange NOT NULL, CONSTRAINT old_no_overlap EXCLUDE USING gist (during WITH &&));
