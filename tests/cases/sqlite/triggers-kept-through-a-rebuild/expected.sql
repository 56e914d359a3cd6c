PRAGMA legacy_alter_table = ON
;
-- hazards: rewrites-table
CREATE TABLE IF NOT EXISTS "_reconcile_rebuild_items" (
    "id" INTEGER,
    "name" text,
    "qty" integer,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
)
;
-- hazards: may-fail
INSERT INTO "_reconcile_rebuild_items" ("id", "name", "qty") SELECT "id", "name", "qty" FROM "items"
;
DROP TABLE "items"
;
ALTER TABLE "_reconcile_rebuild_items" RENAME TO "items"
;
PRAGMA legacy_alter_table = OFF
;
CREATE TRIGGER IF NOT EXISTS "items_kept" AFTER UPDATE ON "items" FOR EACH ROW BEGIN
INSERT INTO log VALUES ('kept ' || NEW.name);
END
;
CREATE TRIGGER IF NOT EXISTS "items_new" AFTER INSERT ON "items" FOR EACH ROW BEGIN
INSERT INTO log VALUES ('new ' || NEW.name);
END
;
CREATE TRIGGER IF NOT EXISTS "items_not_in_model" AFTER DELETE ON "items" FOR EACH ROW BEGIN
INSERT INTO log VALUES ('deleted ' || OLD.name);
END
;
-- fails if it returns rows
PRAGMA foreign_key_check
;
