INSERT INTO statuses (name) VALUES ('archived');
INSERT INTO kinds (name) VALUES ('note');
