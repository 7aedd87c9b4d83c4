-- Figures at scale (issue 20), third step: a board filtered by unit is counted from a narrow table instead of reading
-- every report of the period (their JSON arrays) or looking each matched report row up.
--   report_names: one row per distinct place or unit name of a dated report version (its places and units arrays),
--     keyed by (name, work_date, report_id), with the version's action, activity, member id and name, and whether it is
--     live (current and not withdrawn). Kept by triggers: the version's names when it is inserted (a version row never
--     changes its names, date, action or member: a correction is a new row), its live flag when a correction, a
--     withdrawal or a restoration changes is_current or withdrawn.
--   ix_reports_reporter, ix_reports_member_name: the unit's members as reporters, or as the member name of a report
--     stored without a roster member.
CREATE TABLE IF NOT EXISTS report_names (
  name TEXT NOT NULL,
  work_date TEXT NOT NULL,
  report_id INTEGER NOT NULL,
  action INTEGER NULL,
  activity TEXT NULL,
  member_id INTEGER NULL,
  member_name TEXT NOT NULL,
  live INTEGER NOT NULL,
  PRIMARY KEY (name, work_date, report_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_report_names_report ON report_names (report_id);
CREATE TRIGGER IF NOT EXISTS trg_report_names_insert AFTER INSERT ON progress_reports WHEN NEW.work_date IS NOT NULL BEGIN INSERT OR IGNORE INTO report_names (name, work_date, report_id, action, activity, member_id, member_name, live) SELECT j.value, NEW.work_date, NEW.id, NEW.action, NEW.activity, NEW.member_id, NEW.member_name, NEW.is_current = 1 AND NEW.withdrawn = 0 FROM json_each(NEW.places) AS j WHERE j.type = 'text' AND j.value <> '' UNION SELECT j.value, NEW.work_date, NEW.id, NEW.action, NEW.activity, NEW.member_id, NEW.member_name, NEW.is_current = 1 AND NEW.withdrawn = 0 FROM json_each(NEW.units) AS j WHERE j.type = 'text' AND j.value <> ''; END;
CREATE TRIGGER IF NOT EXISTS trg_report_names_live AFTER UPDATE OF is_current, withdrawn ON progress_reports WHEN NEW.is_current <> OLD.is_current OR NEW.withdrawn <> OLD.withdrawn BEGIN UPDATE report_names SET live = (NEW.is_current = 1 AND NEW.withdrawn = 0) WHERE report_id = NEW.id; END;
INSERT OR IGNORE INTO report_names (name, work_date, report_id, action, activity, member_id, member_name, live)
SELECT j.value, r.work_date, r.id, r.action, r.activity, r.member_id, r.member_name, r.is_current = 1 AND r.withdrawn = 0
FROM progress_reports r, json_each(r.places) AS j WHERE r.work_date IS NOT NULL AND j.type = 'text' AND j.value <> ''
UNION
SELECT j.value, r.work_date, r.id, r.action, r.activity, r.member_id, r.member_name, r.is_current = 1 AND r.withdrawn = 0
FROM progress_reports r, json_each(r.units) AS j WHERE r.work_date IS NOT NULL AND j.type = 'text' AND j.value <> '';
CREATE INDEX IF NOT EXISTS ix_reports_reporter ON progress_reports (reported_by, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_member_name ON progress_reports (member_name, work_date);
