-- Voicemail box settings per extension: the PIN for *97 (hashed like passwords) and whether a message is
-- deleted once it has been e-mailed. An extension without a row has no PIN and keeps its messages.
CREATE TABLE mailbox (
    extension            VARCHAR(32)   NOT NULL PRIMARY KEY,
    pin_hash             VARCHAR(200),
    delete_after_email   BOOLEAN       NOT NULL,
    updated_at           TIMESTAMP     NOT NULL
);
