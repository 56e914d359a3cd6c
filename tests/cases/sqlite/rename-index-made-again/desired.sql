CREATE TABLE docs (id INTEGER PRIMARY KEY, slug text);
CREATE INDEX docs_slug_idx ON docs (slug);
