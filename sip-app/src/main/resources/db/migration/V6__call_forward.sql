-- Call forwarding and do-not-disturb per extension (feature codes *72/*73, *90/*91, *52/*53, *78/*79, or HTTP).
-- A row exists only while something is set; a NULL target is that forwarding off.
CREATE TABLE call_forward (
    extension       VARCHAR(32)  NOT NULL PRIMARY KEY REFERENCES extension (number) ON DELETE CASCADE,
    unconditional   VARCHAR(32),
    busy            VARCHAR(32),
    no_answer       VARCHAR(32),
    dnd             BOOLEAN      NOT NULL,
    updated_at      TIMESTAMP    NOT NULL
);
