-- Figures at scale (issue 20), third step: a board filtered by unit is counted from a narrow table instead of reading
-- every report of the period (their JSON arrays) or looking each matched report row up.
--   report_names: one row per distinct place or unit name of a dated report version (its places and units arrays),
--     keyed by (name, work_date, report_id), with the version's action, activity, member id and name, and whether it is
--     live (current and not withdrawn). Kept by triggers: the version's names when it is inserted (a version row never
--     changes its names, date, action or member: a correction is a new row), its live flag when a correction, a
--     withdrawal or a restoration changes is_current or withdrawn. Names longer than 128 characters are kept cut to 128
--     (no unit name is that long).
--   ix_reports_reporter, ix_reports_member_name: the unit's members as reporters, or as the member name of a report
--     stored without a roster member.
-- With binary logging on, creating triggers needs SUPER or log_bin_trust_function_creators=1 (see README).
CREATE TABLE IF NOT EXISTS report_names (
  name VARCHAR(128) NOT NULL,
  work_date DATE NOT NULL,
  report_id BIGINT NOT NULL,
  action INT NULL,
  activity VARCHAR(8) NULL,
  member_id BIGINT NULL,
  member_name VARCHAR(32) NOT NULL,
  live TINYINT NOT NULL,
  PRIMARY KEY (name, work_date, report_id),
  KEY ix_report_names_report (report_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TRIGGER IF NOT EXISTS trg_report_names_insert AFTER INSERT ON progress_reports FOR EACH ROW INSERT IGNORE INTO report_names (name, work_date, report_id, action, activity, member_id, member_name, live) SELECT DISTINCT LEFT(j.name, 128), NEW.work_date, NEW.id, NEW.action, NEW.activity, NEW.member_id, NEW.member_name, NEW.is_current = 1 AND NEW.withdrawn = 0 FROM JSON_TABLE(JSON_MERGE_PRESERVE(NEW.places, NEW.units), '$[*]' COLUMNS (name VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j WHERE NEW.work_date IS NOT NULL AND j.name IS NOT NULL AND j.name <> '';
CREATE TRIGGER IF NOT EXISTS trg_report_names_live AFTER UPDATE ON progress_reports FOR EACH ROW UPDATE report_names SET live = (NEW.is_current = 1 AND NEW.withdrawn = 0) WHERE report_id = NEW.id AND (NEW.is_current <> OLD.is_current OR NEW.withdrawn <> OLD.withdrawn);
INSERT IGNORE INTO report_names (name, work_date, report_id, action, activity, member_id, member_name, live)
SELECT DISTINCT LEFT(j.name, 128), r.work_date, r.id, r.action, r.activity, r.member_id, r.member_name, r.is_current = 1 AND r.withdrawn = 0
FROM progress_reports r, JSON_TABLE(JSON_MERGE_PRESERVE(r.places, r.units), '$[*]' COLUMNS (name VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j
WHERE r.work_date IS NOT NULL AND j.name IS NOT NULL AND j.name <> '';
CREATE INDEX IF NOT EXISTS ix_reports_reporter ON progress_reports (reported_by, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_member_name ON progress_reports (member_name, work_date);
