-- PostgreSQL cannot change a domain's base type: reported, no SQL.
CREATE DOMAIN stars AS integer CHECK (VALUE >= 0);
