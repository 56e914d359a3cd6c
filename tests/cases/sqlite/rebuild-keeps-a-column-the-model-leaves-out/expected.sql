PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_t" (
    "id" integer,
    "name" text NOT NULL,
    "legacy" text,
    CONSTRAINT "t_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "t_legacy_check" CHECK (legacy <> '')
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_t" ("id", "name", "legacy") SELECT "id", "name", "legacy" FROM "t"
;
DROP TABLE "t"
;
ALTER TABLE "_reconcile_rebuild_t" RENAME TO "t"
;
PRAGMA legacy_alter_table = OFF
;
CREATE INDEX IF NOT EXISTS "t_legacy_idx" ON "t" ("legacy")
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
