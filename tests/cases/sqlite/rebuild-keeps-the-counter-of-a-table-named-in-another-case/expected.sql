PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_jobs" (
    "id" INTEGER CONSTRAINT "jobs_pkey" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    CONSTRAINT "jobs_name_check" CHECK (length(name) > 0)
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_jobs" ("id", "name") SELECT "id", "name" FROM "jobs"
;
INSERT INTO sqlite_sequence (name, seq) SELECT '_reconcile_rebuild_jobs', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '_reconcile_rebuild_jobs')
;
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name COLLATE NOCASE IN ('jobs', '_reconcile_rebuild_jobs')) WHERE name = '_reconcile_rebuild_jobs'
;
DROP TABLE "jobs"
;
ALTER TABLE "_reconcile_rebuild_jobs" RENAME TO "jobs"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
