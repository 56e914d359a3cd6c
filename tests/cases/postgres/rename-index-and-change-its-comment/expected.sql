ALTER INDEX IF EXISTS "public"."ix_docs_slug" RENAME TO "docs_slug_idx"
;
COMMENT ON INDEX "public"."docs_slug_idx" IS 'Lookups by slug'
;
