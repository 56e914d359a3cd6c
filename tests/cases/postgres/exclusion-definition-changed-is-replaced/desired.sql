CREATE TABLE bookings (id int PRIMARY KEY, during tsrange NOT NULL,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH -|-));
