CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2), seats integer DEFAULT 1, note text);
INSERT INTO plans VALUES (1, 'free', 0.00, 1, 'kept: the model leaves note out'),
                         (2, 'Pro', 19.9, 5, NULL),
                         (3, 'team', 49, 25, 'not declared: upsert leaves it');
