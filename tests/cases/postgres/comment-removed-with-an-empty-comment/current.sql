CREATE TABLE t (id int PRIMARY KEY, note text);
COMMENT ON TABLE t IS 'old words';
COMMENT ON COLUMN t.note IS 'kept: the model does not manage it';
