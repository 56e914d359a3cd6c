PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_notes" (
    "id" INTEGER,
    "body" TEXT,
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_notes" ("id", "body") SELECT "id", "body" FROM "notes"
;
DROP TABLE "notes"
;
ALTER TABLE "_reconcile_rebuild_notes" RENAME TO "notes"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
