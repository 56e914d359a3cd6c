CREATE TABLE IF NOT EXISTS "audit" (
    "id" INTEGER,
    "account_id" integer,
    "old_balance" integer,
    "new_balance" integer,
    CONSTRAINT "audit_pkey" PRIMARY KEY ("id")
)
;
ALTER TABLE "accounts" ADD COLUMN "standing" text
;
CREATE TRIGGER IF NOT EXISTS "accounts_audit" AFTER UPDATE OF "balance" ON "accounts" FOR EACH ROW WHEN NEW.balance <> OLD.balance BEGIN
INSERT INTO audit (account_id, old_balance, new_balance) VALUES (NEW.id, OLD.balance, NEW.balance);
END
;
CREATE TRIGGER IF NOT EXISTS "accounts_standing" AFTER INSERT ON "accounts" FOR EACH ROW BEGIN
UPDATE accounts SET standing = CASE WHEN NEW.balance < 0 THEN 'overdrawn' ELSE 'ok' END WHERE id = NEW.id;
INSERT INTO audit (account_id, old_balance, new_balance) VALUES (NEW.id, NULL, NEW.balance);
END
;
