-- PostgreSQL cannot reorder an enum's values in place: reported, no SQL.
CREATE TYPE mood AS ENUM ('calm', 'cheerful');
