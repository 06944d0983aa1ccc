-- IVR menus: a number that answers, plays an announcement and sends the caller on by the key pressed.
-- Recordings are named system recordings (NULL: none / the built-in prompt); destinations are in text form.
CREATE TABLE ivr (
    number               VARCHAR(32)   NOT NULL PRIMARY KEY,
    name                 VARCHAR(80)   NOT NULL,
    announcement         VARCHAR(64),
    timeout_seconds      INTEGER       NOT NULL,
    invalid_retries      INTEGER       NOT NULL,
    timeout_retries      INTEGER       NOT NULL,
    invalid_recording    VARCHAR(64),
    timeout_recording    VARCHAR(64),
    repeat_key           VARCHAR(1),
    direct_dial          BOOLEAN       NOT NULL,
    invalid_destination  VARCHAR(64)   NOT NULL,
    timeout_destination  VARCHAR(64)   NOT NULL,
    updated_at           TIMESTAMP     NOT NULL
);
CREATE TABLE ivr_key (
    ivr_number     VARCHAR(32)   NOT NULL REFERENCES ivr (number) ON DELETE CASCADE,
    dtmf_key       VARCHAR(1)    NOT NULL,
    destination    VARCHAR(64)   NOT NULL,
    PRIMARY KEY (ivr_number, dtmf_key)
);
