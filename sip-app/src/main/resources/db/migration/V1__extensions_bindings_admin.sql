-- Extensions: secrets are kept only as digest HA1 values (RFC 2617 / RFC 8760), never in clear.
CREATE TABLE extension (
    number          VARCHAR(32)  NOT NULL PRIMARY KEY,
    name            VARCHAR(128) NOT NULL,
    realm           VARCHAR(255) NOT NULL,
    ha1_md5         CHAR(32)     NOT NULL,
    ha1_sha256      CHAR(64)     NOT NULL,
    email           VARCHAR(254),
    voicemail_pin   VARCHAR(255),
    created_at      TIMESTAMP    NOT NULL,
    updated_at      TIMESTAMP    NOT NULL
);

-- Location service: one row per registered contact of an address of record (the extension number).
CREATE TABLE binding (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    aor             VARCHAR(32)   NOT NULL,
    contact_uri     VARCHAR(512)  NOT NULL,
    q_millis        INTEGER       NOT NULL,
    expires_at      TIMESTAMP     NOT NULL,
    call_id         VARCHAR(255)  NOT NULL,
    cseq            BIGINT        NOT NULL,
    user_agent      VARCHAR(255),
    source          VARCHAR(128),
    registered_at   TIMESTAMP     NOT NULL,
    CONSTRAINT binding_aor_contact UNIQUE (aor, contact_uri)
);
CREATE INDEX binding_expires ON binding (expires_at);

-- Administrators of the HTTP API: PBKDF2 password hashes only.
CREATE TABLE admin_account (
    username        VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP    NOT NULL
);
