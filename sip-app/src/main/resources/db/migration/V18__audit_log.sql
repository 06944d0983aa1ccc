-- The audit log of configuration changes through the HTTP API: who (user, role, source address), what (method,
-- path, status, a summary with secrets redacted), when (UTC). Kept for the operator; nothing deletes rows.
CREATE TABLE audit_log (
    id              BIGINT         NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_time      TIMESTAMP      NOT NULL,
    username        VARCHAR(64)    NOT NULL,
    user_role       VARCHAR(16)    NOT NULL,
    source_address  VARCHAR(64)    NOT NULL,
    http_method     VARCHAR(8)     NOT NULL,
    request_path    VARCHAR(255)   NOT NULL,
    http_status     INTEGER        NOT NULL,
    outcome         VARCHAR(8)     NOT NULL,
    summary         VARCHAR(1000)  NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (event_time);
CREATE INDEX audit_log_user_time ON audit_log (username, event_time);
