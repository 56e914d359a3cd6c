PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_items" (
    "id" integer,
    "sku" text,
    "qty" integer,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_items" ("id", "sku", "qty") SELECT "id", "sku", "qty" FROM "items"
;
DROP TABLE "items"
;
ALTER TABLE "_reconcile_rebuild_items" RENAME TO "items"
;
PRAGMA legacy_alter_table = OFF
;
CREATE INDEX IF NOT EXISTS "items_sku_idx" ON "items" ("sku")
;
CREATE TRIGGER IF NOT EXISTS "items_logged" AFTER INSERT ON "items" FOR EACH ROW BEGIN
INSERT INTO item_log VALUES (new.id);
END
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
