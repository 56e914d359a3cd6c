ALTER TABLE "customer" RENAME TO "customers"
;
PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_customers" (
    "id" integer,
    "name" text NOT NULL,
    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_customers" ("id", "name") SELECT "id", "name" FROM "customers"
;
DROP TABLE "customers"
;
ALTER TABLE "_reconcile_rebuild_customers" RENAME TO "customers"
;
PRAGMA legacy_alter_table = OFF
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
