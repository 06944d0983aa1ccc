-- Call queues (ACD): callers wait with music on hold while members are rung by the queue's strategy.
-- Destinations are in text form; music is a system recording's name (NULL: the built-in music).
CREATE TABLE call_queue (
    number               VARCHAR(32)   NOT NULL PRIMARY KEY,
    name                 VARCHAR(80)   NOT NULL,
    strategy             VARCHAR(16)   NOT NULL,
    member_timeout       INTEGER       NOT NULL,
    retry_seconds        INTEGER       NOT NULL,
    wrapup_seconds       INTEGER       NOT NULL,
    max_wait_seconds     INTEGER       NOT NULL,
    max_callers          INTEGER       NOT NULL,
    join_empty           BOOLEAN       NOT NULL,
    leave_when_empty     BOOLEAN       NOT NULL,
    ring_in_use          BOOLEAN       NOT NULL,
    music                VARCHAR(64),
    announce_frequency   INTEGER       NOT NULL,
    announce_position    BOOLEAN       NOT NULL,
    announce_hold_time   BOOLEAN       NOT NULL,
    exit_key             VARCHAR(1),
    exit_destination     VARCHAR(64),
    failover_destination VARCHAR(64)   NOT NULL,
    service_level        INTEGER       NOT NULL,
    updated_at           TIMESTAMP     NOT NULL
);
CREATE TABLE call_queue_member (
    queue_number    VARCHAR(32)   NOT NULL REFERENCES call_queue (number) ON DELETE CASCADE,
    member_order    INTEGER       NOT NULL,
    extension       VARCHAR(32)   NOT NULL,
    PRIMARY KEY (queue_number, member_order)
);
-- Agents' state in a queue: a dynamic agent logged in (*45, HTTP), and/or a member paused (*46, HTTP).
CREATE TABLE queue_agent (
    id              VARCHAR(80)   NOT NULL PRIMARY KEY,
    queue_number    VARCHAR(32)   NOT NULL REFERENCES call_queue (number) ON DELETE CASCADE,
    extension       VARCHAR(32)   NOT NULL,
    logged_in       BOOLEAN       NOT NULL,
    paused          BOOLEAN       NOT NULL,
    updated_at      TIMESTAMP     NOT NULL
);
CREATE INDEX queue_agent_extension ON queue_agent (extension);
-- The queue log (Asterisk's queue_log events), kept after the queue is deleted.
CREATE TABLE queue_log (
    id              BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_time      TIMESTAMP     NOT NULL,
    call_id         VARCHAR(64)   NOT NULL,
    queue_number    VARCHAR(32)   NOT NULL,
    agent           VARCHAR(32),
    event           VARCHAR(20)   NOT NULL,
    position        INTEGER,
    wait_seconds    INTEGER,
    talk_seconds    INTEGER,
    data            VARCHAR(64)
);
CREATE INDEX queue_log_time ON queue_log (event_time);
