-- Blacklisted caller numbers: refused with 603 Decline (destination NULL) or sent to a destination (text form).
CREATE TABLE blacklist (
    number          VARCHAR(32)  NOT NULL PRIMARY KEY,
    description     VARCHAR(80)  NOT NULL,
    destination     VARCHAR(64),
    updated_at      TIMESTAMP    NOT NULL
);
