PRAGMA legacy_alter_table = ON
;
-- hazards: deletes-data, rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_t" (
    "id" integer,
    "name" text NOT NULL,
    CONSTRAINT "t_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_t" ("id", "name") SELECT "id", "name" FROM "t"
;
DROP TABLE "t"
;
ALTER TABLE "_reconcile_rebuild_t" RENAME TO "t"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
