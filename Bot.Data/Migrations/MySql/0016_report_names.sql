-- Figures at scale (issue 20), third step: a board filtered by unit finds its reports through indexes instead of
-- reading every report of the period's JSON arrays.
--   report_names: one row per distinct place or unit name of a report version (its places and units arrays), keyed by
--     (name, work_date, report_id). Version rows never change their names or work date (a correction is a new row), so
--     the AFTER INSERT trigger keeps it complete; liveness is read from the report row it points to. Names longer than
--     128 characters are kept cut to 128 (no unit name is that long).
--   ix_reports_reporter, ix_reports_member_name: the unit's members as reporters, or as the member name of a report
--     stored without a roster member.
-- With binary logging on, creating the trigger needs SUPER or log_bin_trust_function_creators=1 (see README).
CREATE TABLE IF NOT EXISTS report_names (
  name VARCHAR(128) NOT NULL,
  work_date DATE NOT NULL,
  report_id BIGINT NOT NULL,
  PRIMARY KEY (name, work_date, report_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TRIGGER IF NOT EXISTS trg_report_names AFTER INSERT ON progress_reports FOR EACH ROW INSERT IGNORE INTO report_names (name, work_date, report_id) SELECT DISTINCT LEFT(j.name, 128), NEW.work_date, NEW.id FROM JSON_TABLE(JSON_MERGE_PRESERVE(NEW.places, NEW.units), '$[*]' COLUMNS (name VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j WHERE NEW.work_date IS NOT NULL AND j.name IS NOT NULL AND j.name <> '';
INSERT IGNORE INTO report_names (name, work_date, report_id)
SELECT DISTINCT LEFT(j.name, 128), r.work_date, r.id
FROM progress_reports r, JSON_TABLE(JSON_MERGE_PRESERVE(r.places, r.units), '$[*]' COLUMNS (name VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j
WHERE r.work_date IS NOT NULL AND j.name IS NOT NULL AND j.name <> '';
CREATE INDEX IF NOT EXISTS ix_reports_reporter ON progress_reports (reported_by, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_member_name ON progress_reports (member_name, work_date);
