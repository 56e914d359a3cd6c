CREATE TABLE countries (code char(2) NOT NULL PRIMARY KEY, name text NOT NULL, motto text, eu boolean NOT NULL, facts jsonb);
INSERT INTO countries VALUES ('FR', 'France', 'Liberté, égalité, fraternité', 1, '{"capital": "Paris"}');
