-- MobileAuth TW store schema, version 1 (issue 12). One file for PostgreSQL and H2 2.x: every type
-- and statement here is standard SQL both accept. Times are TIMESTAMP(6) WITH TIME ZONE
-- (microseconds: PostgreSQL's limit; the SDK truncates instants to microseconds on the way in).
-- Text without a length is CHARACTER VARYING: unbounded on PostgreSQL, up to 1,000,000 characters on H2.
-- No column holds plaintext personal data: subject keys and verifiers are keyed HMACs, documents
-- carry AES-GCM ciphertext (docs/store-operations.md).

CREATE TABLE mobileauth_enrollment (
    id          VARCHAR(128)                NOT NULL PRIMARY KEY,
    version     BIGINT                      NOT NULL,
    state       VARCHAR(32)                 NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    purge_after TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    document    CHARACTER VARYING           NOT NULL,
    subject_key VARCHAR(128)
);
CREATE INDEX mobileauth_enrollment_subject ON mobileauth_enrollment (subject_key);
CREATE INDEX mobileauth_enrollment_purge ON mobileauth_enrollment (purge_after);

CREATE TABLE mobileauth_token (
    token_key  VARCHAR(128)                NOT NULL PRIMARY KEY,
    purpose    VARCHAR(32)                 NOT NULL,
    subject    VARCHAR(256)                NOT NULL,
    payload    CHARACTER VARYING           NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    claimant   VARCHAR(256),
    claimed_at TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT mobileauth_token_claim CHECK ((claimant IS NULL) = (claimed_at IS NULL))
);
CREATE INDEX mobileauth_token_expiry ON mobileauth_token (expires_at);

CREATE TABLE mobileauth_credential (
    credential_id          VARCHAR(128)                NOT NULL PRIMARY KEY,
    version                BIGINT                      NOT NULL,
    subject_key            VARCHAR(128)                NOT NULL,
    birth_date_verifier    VARCHAR(256)                NOT NULL,
    name_verifier          VARCHAR(256)                NOT NULL,
    password_hash          VARCHAR(512)                NOT NULL,
    device_public_key      CHARACTER VARYING           NOT NULL,
    certificate            CHARACTER VARYING           NOT NULL,
    status                 VARCHAR(16)                 NOT NULL,
    issued_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    not_after              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at             TIMESTAMP(6) WITH TIME ZONE,
    last_used_at           TIMESTAMP(6) WITH TIME ZONE,
    acknowledged_notice    VARCHAR(64),
    notice_acknowledged_at TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX mobileauth_credential_subject ON mobileauth_credential (subject_key);

CREATE TABLE mobileauth_counter (
    counter_key  VARCHAR(256)                NOT NULL PRIMARY KEY,
    failures     BIGINT                      NOT NULL,
    window_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    window_end   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX mobileauth_counter_window ON mobileauth_counter (window_end);
