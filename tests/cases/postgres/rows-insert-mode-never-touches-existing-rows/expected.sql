INSERT INTO "public"."feature_flags" ("name", "enabled") VALUES ('dark_mode', false) ON CONFLICT ("name") DO NOTHING
;
