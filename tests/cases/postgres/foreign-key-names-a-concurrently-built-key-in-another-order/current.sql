CREATE TABLE regions (country text NOT NULL, code text NOT NULL, name text);
CREATE TABLE offices (id int PRIMARY KEY, region_code text, region_country text);
INSERT INTO regions VALUES ('fr', 'idf', 'Île-de-France'), ('fr', 'ara', 'Auvergne-Rhône-Alpes');
INSERT INTO offices VALUES (1, 'idf', 'fr'), (2, 'ara', 'fr');
