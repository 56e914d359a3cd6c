CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance integer NOT NULL DEFAULT 0, standing text);
CREATE TABLE audit (id INTEGER PRIMARY KEY, account_id integer, old_balance integer, new_balance integer);
CREATE TRIGGER accounts_audit AFTER UPDATE OF balance ON accounts WHEN NEW.balance <> OLD.balance
BEGIN
  INSERT INTO audit (account_id, old_balance, new_balance) VALUES (NEW.id, OLD.balance, NEW.balance);
END;
CREATE TRIGGER accounts_standing AFTER INSERT ON accounts FOR EACH ROW BEGIN
  UPDATE accounts SET standing = CASE WHEN NEW.balance < 0 THEN 'overdrawn' ELSE 'ok' END WHERE id = NEW.id;
  INSERT INTO audit (account_id, old_balance, new_balance) VALUES (NEW.id, NULL, NEW.balance);
END;
