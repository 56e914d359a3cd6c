CREATE TABLE regions (country text, code text, PRIMARY KEY (country, code));
CREATE TABLE offices (id integer PRIMARY KEY, country text, region text,
  CONSTRAINT offices_region_fkey FOREIGN KEY (country, region) REFERENCES regions (country, code) MATCH FULL);
