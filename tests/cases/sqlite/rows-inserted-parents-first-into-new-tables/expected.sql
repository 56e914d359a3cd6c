CREATE TABLE IF NOT EXISTS "roles" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "builtin" boolean DEFAULT true NOT NULL,
    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
)
;
CREATE TABLE IF NOT EXISTS "role_permissions" (
    "role_id" integer NOT NULL,
    "permission" text NOT NULL,
    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_id", "permission"),
    CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id")
)
;
INSERT INTO "roles" ("id", "name") VALUES (1, 'viewer') ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name"
;
INSERT INTO "roles" ("id", "name", "builtin") VALUES (2, 'admin', 0) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "builtin" = EXCLUDED."builtin"
;
INSERT INTO "role_permissions" ("role_id", "permission") VALUES
    (1, 'billing.read'),
    (2, 'billing.read'),
    (2, 'billing.write')
ON CONFLICT ("role_id", "permission") DO NOTHING
;
