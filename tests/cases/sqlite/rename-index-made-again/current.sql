CREATE TABLE docs (id INTEGER PRIMARY KEY, slug text);
CREATE INDEX ix_docs_slug ON docs (slug);
