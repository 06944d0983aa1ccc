-- Call detail records: one row per call attempt, Asterisk field set plus SIP fields. A row is inserted
-- (state OPEN) when the call starts and updated when it is answered and when it ends (state CLOSED); rows
-- still OPEN after a crash are closed at the next start from last_seen and marked reconciled.
CREATE TABLE cdr (
    uniqueid        VARCHAR(36)   NOT NULL PRIMARY KEY,
    linkedid        VARCHAR(36)   NOT NULL,
    accountcode     VARCHAR(80)   NOT NULL,
    src             VARCHAR(80)   NOT NULL,
    dst             VARCHAR(80)   NOT NULL,
    dcontext        VARCHAR(80)   NOT NULL,
    clid            VARCHAR(160)  NOT NULL,
    channel         VARCHAR(80)   NOT NULL,
    dstchannel      VARCHAR(80)   NOT NULL,
    lastapp         VARCHAR(80)   NOT NULL,
    lastdata        VARCHAR(255)  NOT NULL,
    start_time      TIMESTAMP     NOT NULL,
    answer_time     TIMESTAMP,
    end_time        TIMESTAMP,
    duration        INTEGER       NOT NULL,
    billsec         INTEGER       NOT NULL,
    disposition     VARCHAR(16),
    amaflags        VARCHAR(16)   NOT NULL,
    userfield       VARCHAR(255)  NOT NULL,
    call_id         VARCHAR(255)  NOT NULL,
    sip_code        INTEGER,
    sip_reason      VARCHAR(128),
    from_uri        VARCHAR(512)  NOT NULL,
    to_uri          VARCHAR(512)  NOT NULL,
    source          VARCHAR(128)  NOT NULL,
    trunk           VARCHAR(80),
    site            VARCHAR(80),
    state           VARCHAR(8)    NOT NULL,
    reconciled      SMALLINT      NOT NULL,
    last_seen       TIMESTAMP     NOT NULL,
    start_hour      TIMESTAMP     NOT NULL,
    start_day       DATE          NOT NULL,
    start_week      DATE          NOT NULL,
    start_month     DATE          NOT NULL
);
CREATE INDEX cdr_start ON cdr (start_time);
CREATE INDEX cdr_src ON cdr (src, start_time);
CREATE INDEX cdr_dst ON cdr (dst, start_time);
CREATE INDEX cdr_disposition ON cdr (disposition, start_time);
CREATE INDEX cdr_call_id ON cdr (call_id);
CREATE INDEX cdr_state ON cdr (state);
CREATE INDEX cdr_start_day ON cdr (start_day);
CREATE INDEX cdr_start_month ON cdr (start_month);

-- Roles of HTTP API users: admin (configuration) or manager (read-only reports and live views).
ALTER TABLE admin_account ADD COLUMN user_role VARCHAR(16) DEFAULT 'admin' NOT NULL;
