PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_people" (
    "id" integer,
    "name" text NOT NULL,
    "kind" text DEFAULT 'person',
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_people" ("id", "name", "kind") SELECT "id", "name", "kind" FROM "people"
;
DROP TABLE "people"
;
ALTER TABLE "_reconcile_rebuild_people" RENAME TO "people"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
