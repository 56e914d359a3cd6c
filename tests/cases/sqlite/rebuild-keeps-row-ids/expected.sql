PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_tags" (
    "code" text NOT NULL,
    "label" text NOT NULL,
    CONSTRAINT "tags_pkey" PRIMARY KEY ("code")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_tags" (rowid, "code", "label") SELECT rowid, "code", "label" FROM "tags"
;
DROP TABLE "tags"
;
ALTER TABLE "_reconcile_rebuild_tags" RENAME TO "tags"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
