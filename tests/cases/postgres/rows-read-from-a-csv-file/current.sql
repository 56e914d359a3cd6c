CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL, motto text, eu boolean NOT NULL, facts jsonb);
INSERT INTO countries VALUES ('FR', 'France', 'Liberté, égalité, fraternité', true, '{"capital": "Paris"}');
