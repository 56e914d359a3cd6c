INSERT INTO "feature_flags" ("name", "enabled") VALUES ('dark_mode', 0) ON CONFLICT ("name") DO NOTHING
;
