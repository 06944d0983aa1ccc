-- SIP trunks to other servers, and the outbound and inbound routes that use them.
CREATE TABLE trunk (
    name            VARCHAR(32)   NOT NULL PRIMARY KEY,
    host            VARCHAR(255)  NOT NULL,
    port            INTEGER       NOT NULL,
    transport       VARCHAR(8)    NOT NULL,
    username        VARCHAR(64),
    secret          VARCHAR(128),
    caller_id       VARCHAR(32),
    max_channels    INTEGER       NOT NULL,
    keepalive       INTEGER       NOT NULL,
    updated_at      TIMESTAMP     NOT NULL
);
CREATE TABLE trunk_address (
    trunk_name      VARCHAR(32)   NOT NULL REFERENCES trunk (name) ON DELETE CASCADE,
    address_order   INTEGER       NOT NULL,
    address         VARCHAR(64)   NOT NULL,
    PRIMARY KEY (trunk_name, address_order)
);
-- Outbound routes, tried by position (lowest first); a route's trunks are tried in their order.
CREATE TABLE outbound_route (
    name            VARCHAR(32)   NOT NULL PRIMARY KEY,
    position        INTEGER       NOT NULL,
    updated_at      TIMESTAMP     NOT NULL
);
CREATE TABLE outbound_route_pattern (
    route_name      VARCHAR(32)   NOT NULL REFERENCES outbound_route (name) ON DELETE CASCADE,
    pattern_order   INTEGER       NOT NULL,
    prepend         VARCHAR(20)   NOT NULL,
    prefix          VARCHAR(20)   NOT NULL,
    match_pattern   VARCHAR(64)   NOT NULL,
    caller_id       VARCHAR(64)   NOT NULL,
    PRIMARY KEY (route_name, pattern_order)
);
CREATE TABLE outbound_route_trunk (
    route_name      VARCHAR(32)   NOT NULL REFERENCES outbound_route (name) ON DELETE CASCADE,
    trunk_order     INTEGER       NOT NULL,
    trunk_name      VARCHAR(32)   NOT NULL,
    PRIMARY KEY (route_name, trunk_order)
);
CREATE TABLE outbound_route_extension (
    route_name      VARCHAR(32)   NOT NULL REFERENCES outbound_route (name) ON DELETE CASCADE,
    extension_order INTEGER       NOT NULL,
    extension       VARCHAR(32)   NOT NULL,
    PRIMARY KEY (route_name, extension_order)
);
-- Inbound routes: DID ('' = any) and caller ID ('' = any) to a destination in text form.
CREATE TABLE inbound_route (
    id              VARCHAR(80)   NOT NULL PRIMARY KEY,
    did             VARCHAR(32)   NOT NULL,
    caller_id       VARCHAR(32)   NOT NULL,
    destination     VARCHAR(64)   NOT NULL,
    description     VARCHAR(80)   NOT NULL,
    updated_at      TIMESTAMP     NOT NULL
);
