-- Time groups (rules written times|weekdays|days|months, as FreePBX/Asterisk GotoIfTime) and Day/Night
-- controls (index 0-9): day and night destinations (text form), optional PIN hash, optional time group, and
-- the last manual setting with the time it gives way to the schedule (NULL: until set again).
CREATE TABLE time_group (
    name            VARCHAR(40)  NOT NULL PRIMARY KEY,
    description     VARCHAR(80)  NOT NULL,
    time_zone       VARCHAR(64)  NOT NULL,
    updated_at      TIMESTAMP    NOT NULL
);
CREATE TABLE time_group_rule (
    group_name      VARCHAR(40)  NOT NULL REFERENCES time_group (name) ON DELETE CASCADE,
    rule_order      INTEGER      NOT NULL,
    rule            VARCHAR(80)  NOT NULL,
    PRIMARY KEY (group_name, rule_order)
);
CREATE TABLE day_night (
    idx                 INTEGER      NOT NULL PRIMARY KEY,
    description         VARCHAR(80)  NOT NULL,
    day_destination     VARCHAR(64)  NOT NULL,
    night_destination   VARCHAR(64)  NOT NULL,
    pin_hash            VARCHAR(255),
    time_group          VARCHAR(40)  REFERENCES time_group (name),
    manual_mode         VARCHAR(8),
    manual_until        TIMESTAMP,
    updated_at          TIMESTAMP    NOT NULL
);
