-- Argument defaults are kept parsed and printed back the server's way ('1 day' as
-- '1 day'::interval, ARRAY[1,2] as ARRAY[1, 2]): the model's text is compared through the
-- server. Before, an apply of such defaults failed its own verification.
CREATE FUNCTION same(a text DEFAULT 'x', b interval DEFAULT '1 day') RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION changed(a integer DEFAULT 1) RETURNS integer LANGUAGE sql AS 'SELECT a';
