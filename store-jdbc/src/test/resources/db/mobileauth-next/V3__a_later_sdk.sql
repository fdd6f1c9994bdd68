-- What a later SDK version might ship: applied here to prove this SDK refuses a newer schema (MigrationsTest).
ALTER TABLE mobileauth_counter ADD COLUMN note VARCHAR(32);
