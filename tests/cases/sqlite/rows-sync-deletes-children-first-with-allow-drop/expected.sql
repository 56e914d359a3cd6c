-- hazards: deletes-data
DELETE FROM "permissions" WHERE "role_id" = 3 AND "code" = 'legacy.export'
;
-- hazards: deletes-data
DELETE FROM "permissions" WHERE "role_id" = 3 AND "code" = 'read'
;
-- hazards: deletes-data
DELETE FROM "roles" WHERE "id" = 3
;
INSERT INTO "permissions" ("role_id", "code") VALUES (2, 'export') ON CONFLICT ("role_id", "code") DO NOTHING
;
