-- An exclusion constraint whose definition differs is dropped and added again under its name.
CREATE TABLE bookings (id int PRIMARY KEY, during tsrange NOT NULL,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&));
