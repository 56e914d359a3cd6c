CREATE TABLE docs (id int PRIMARY KEY, slug text);
CREATE INDEX ix_docs_slug ON docs (slug);
