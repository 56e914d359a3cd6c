INSERT INTO accounts (id) VALUES (1);
INSERT INTO accounts (id, parent) VALUES (2, 1);
INSERT INTO accounts (id) VALUES (3);
