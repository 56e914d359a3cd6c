-- A trigger's WHEN is kept parsed and printed back the server's way (a string compared with a
-- timestamptz comes back cast): the model's text is compared through the server. Before, an
-- apply of such a condition failed its own verification.
CREATE TABLE events (id integer PRIMARY KEY, status text, at timestamptz);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER events_same BEFORE UPDATE ON events FOR EACH ROW
  WHEN (old.status IS DISTINCT FROM new.status AND new.at > '2020-01-01') EXECUTE FUNCTION stamp();
CREATE TRIGGER events_changed BEFORE UPDATE ON events FOR EACH ROW WHEN (new.at > '2020-01-01') EXECUTE FUNCTION stamp();
