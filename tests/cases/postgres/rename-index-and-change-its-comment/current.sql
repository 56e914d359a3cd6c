CREATE TABLE docs (id int PRIMARY KEY, slug text);
CREATE INDEX ix_docs_slug ON docs (slug);
COMMENT ON INDEX ix_docs_slug IS 'old';
