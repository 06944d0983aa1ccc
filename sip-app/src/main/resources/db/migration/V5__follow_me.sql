-- Follow Me per extension: ring the extension alone for initial_ring_time, then the list (ringall: with the
-- extension; hunt: one at a time, ring_time each), then the no-answer destination (text form).
CREATE TABLE follow_me (
    extension           VARCHAR(32)  NOT NULL PRIMARY KEY REFERENCES extension (number) ON DELETE CASCADE,
    enabled             BOOLEAN      NOT NULL,
    initial_ring_time   INTEGER      NOT NULL,
    ring_time           INTEGER      NOT NULL,
    strategy            VARCHAR(16)  NOT NULL,
    no_answer           VARCHAR(64)  NOT NULL,
    updated_at          TIMESTAMP    NOT NULL
);
CREATE TABLE follow_me_number (
    extension       VARCHAR(32)  NOT NULL REFERENCES follow_me (extension) ON DELETE CASCADE,
    member_order    INTEGER      NOT NULL,
    number          VARCHAR(32)  NOT NULL,
    PRIMARY KEY (extension, member_order)
);
