-- A portal's own schema, migrated by the portal's own Flyway (MigrationsTest).
CREATE TABLE portal_account (id BIGINT NOT NULL PRIMARY KEY, credential_id VARCHAR(128));
