UPDATE accounts SET balance = 25 WHERE id = 1;
UPDATE accounts SET balance = 25 WHERE id = 1;
INSERT INTO accounts (id, balance) VALUES (2, -5);
