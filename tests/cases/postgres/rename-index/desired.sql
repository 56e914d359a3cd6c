CREATE TABLE docs (id int PRIMARY KEY, slug text);
CREATE INDEX docs_slug_idx ON docs (slug);
