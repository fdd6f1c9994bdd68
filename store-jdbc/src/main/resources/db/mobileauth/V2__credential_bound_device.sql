-- MobileAuth TW store schema, version 2: a credential remembers the browser it is bound to, as two
-- coarse enum names (DeviceClass, BrowserFamily; e.g. DESKTOP, CHROME), never a User-Agent or an
-- address. Nullable: rows written before version 2 (or by a version-1 SDK during a rolling
-- upgrade) read as "unknown". Standard SQL for PostgreSQL and H2 2.x, like V1.

ALTER TABLE mobileauth_credential ADD COLUMN bound_device_class VARCHAR(32);
ALTER TABLE mobileauth_credential ADD COLUMN bound_browser_family VARCHAR(32);
