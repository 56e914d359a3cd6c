PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_parent" (
    "id" integer,
    "name" text NOT NULL,
    CONSTRAINT "parent_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_parent" ("id", "name") SELECT "id", "name" FROM "parent"
;
DROP TABLE "parent"
;
ALTER TABLE "_reconcile_rebuild_parent" RENAME TO "parent"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
