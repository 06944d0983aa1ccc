-- Toll-fraud limits of outbound routes: international numbers only where allowed, calls at once and per minute
-- (0: no limit). Existing routes do not take international numbers until the administrator allows them.
ALTER TABLE outbound_route ADD COLUMN international BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE outbound_route ADD COLUMN max_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbound_route ADD COLUMN max_calls_per_minute INTEGER NOT NULL DEFAULT 0;
