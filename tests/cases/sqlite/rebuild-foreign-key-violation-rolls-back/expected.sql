PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_users" (
    "id" integer,
    "org_id" integer,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_users" ("id", "org_id") SELECT "id", "org_id" FROM "users"
;
DROP TABLE "users"
;
ALTER TABLE "_reconcile_rebuild_users" RENAME TO "users"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
