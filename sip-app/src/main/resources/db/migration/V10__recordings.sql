-- System recordings: the audio is a WAV file (8 kHz 16-bit mono) under PBX_DATA_DIR/recordings/<name>.wav.
CREATE TABLE recording (
    name            VARCHAR(40)  NOT NULL PRIMARY KEY,
    description     VARCHAR(80)  NOT NULL,
    duration_ms     INTEGER      NOT NULL,
    size_bytes      INTEGER      NOT NULL,
    created_at      TIMESTAMP    NOT NULL
);
