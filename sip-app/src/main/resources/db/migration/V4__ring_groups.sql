-- Ring groups: a number that rings member extensions by a strategy, then sends the call to its no-answer
-- destination (text form: extension:N, ringgroup:N, hangup, busy). Members are kept in hunting order.
CREATE TABLE ring_group (
    number          VARCHAR(32)   NOT NULL PRIMARY KEY,
    description     VARCHAR(80)   NOT NULL,
    strategy        VARCHAR(16)   NOT NULL,
    ring_time       INTEGER       NOT NULL,
    cid_prefix      VARCHAR(40)   NOT NULL,
    no_answer       VARCHAR(64)   NOT NULL,
    updated_at      TIMESTAMP     NOT NULL
);
CREATE TABLE ring_group_member (
    group_number    VARCHAR(32)   NOT NULL REFERENCES ring_group (number) ON DELETE CASCADE,
    member_order    INTEGER       NOT NULL,
    extension       VARCHAR(32)   NOT NULL,
    PRIMARY KEY (group_number, member_order)
);
