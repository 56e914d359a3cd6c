PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_t" (
    "id" integer,
    "n" integer,
    CONSTRAINT "t_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_t" ("id", "n") SELECT "id", "n" FROM "t"
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
