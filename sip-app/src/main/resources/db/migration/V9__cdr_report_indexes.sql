-- CDR reports over large tables (docs/performance.md, "CDR reports over 1M records"; bench/cdr-summary.sh).
--
-- One covering index for the report queries of a time range (JpaCallRecordRepository):
--  * summaries (GET /api/v1/cdr/summary, every groupBy): the range on start_time, state = 'CLOSED', the group
--    key (start_hour, start_day, start_week, start_month, src, dst, trunk or disposition), COUNT(uniqueid),
--    disposition and billsec are all in the index, so the month is read from the index alone instead of an
--    index scan of cdr_start plus a fetch of every base row;
--  * the total of a listing (COUNT(uniqueid) over the range) is index-only as well;
--  * the default listing order (start_time DESC, uniqueid ASC, OFFSET/FETCH) is the index order, so a page
--    is read from the top of the range instead of sorting every record of the range.
-- Measured on 1M records, 325k in the month: see docs/performance.md.
--
-- Plain CREATE INDEX (Derby and PostgreSQL alike); the existing indexes stay (cdr_start, cdr_src, ... serve
-- the other filters and orders).
CREATE INDEX cdr_report ON cdr (start_time DESC, uniqueid, state, disposition, billsec, start_hour, start_day,
    start_week, start_month, src, dst, trunk);
