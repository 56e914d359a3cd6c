CREATE TABLE people (id int PRIMARY KEY, display_name text);
