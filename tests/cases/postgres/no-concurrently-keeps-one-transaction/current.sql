CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, region text);
CREATE TABLE invoices (id int PRIMARY KEY, account_email text, total numeric);
INSERT INTO accounts SELECT g, 'a' || g || '@example.com', 'eu' FROM generate_series(1, 50) g;
INSERT INTO invoices SELECT g, 'a' || (g % 50 + 1) || '@example.com', g FROM generate_series(1, 200) g;
