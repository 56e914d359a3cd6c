CREATE FUNCTION current_owner() RETURNS bigint LANGUAGE sql STABLE AS $$SELECT current_setting('app.owner', true)::bigint$$;
CREATE TABLE documents (id int PRIMARY KEY, owner_id bigint NOT NULL, team_id integer);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner_id = current_owner());
COMMENT ON POLICY documents_owner ON documents IS 'owners only';
CREATE POLICY documents_team ON documents FOR SELECT USING (team_id IS NOT NULL);
