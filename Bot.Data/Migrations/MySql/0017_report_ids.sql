-- Throughput (issue 18): a new report's id is taken inside its INSERT (INSERT … SELECT NEXT VALUE FOR … RETURNING id),
-- so a first version's root_id (its own id) is written by the same statement instead of an UPDATE after it. The
-- sequence is shared by every host of a cluster and is not transactional (a rolled-back report leaves a gap, as
-- AUTO_INCREMENT does). The bot moves it past the largest report id before its first report (SETVAL needs a number).
CREATE SEQUENCE IF NOT EXISTS progress_report_ids START WITH 1 INCREMENT BY 1 CACHE 1000;
