DROP INDEX IF EXISTS "ix_docs_slug"
;
CREATE INDEX IF NOT EXISTS "docs_slug_idx" ON "docs" ("slug")
;
