-- Figures at scale (issue 20), third step: a board filtered by unit finds its reports through indexes instead of
-- reading every report of the period's JSON arrays.
--   report_names: one row per distinct place or unit name of a report version (its places and units arrays), keyed by
--     (name, work_date, report_id). Version rows never change their names or work date (a correction is a new row), so
--     the AFTER INSERT trigger keeps it complete; liveness is read from the report row it points to.
--   ix_reports_reporter, ix_reports_member_name: the unit's members as reporters, or as the member name of a report
--     stored without a roster member.
CREATE TABLE IF NOT EXISTS report_names (
  name TEXT NOT NULL,
  work_date TEXT NOT NULL,
  report_id INTEGER NOT NULL,
  PRIMARY KEY (name, work_date, report_id)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS trg_report_names AFTER INSERT ON progress_reports WHEN NEW.work_date IS NOT NULL BEGIN INSERT OR IGNORE INTO report_names (name, work_date, report_id) SELECT j.value, NEW.work_date, NEW.id FROM json_each(NEW.places) AS j WHERE j.type = 'text' AND j.value <> '' UNION SELECT j.value, NEW.work_date, NEW.id FROM json_each(NEW.units) AS j WHERE j.type = 'text' AND j.value <> ''; END;
INSERT OR IGNORE INTO report_names (name, work_date, report_id)
SELECT j.value, r.work_date, r.id FROM progress_reports r, json_each(r.places) AS j WHERE r.work_date IS NOT NULL AND j.type = 'text' AND j.value <> ''
UNION
SELECT j.value, r.work_date, r.id FROM progress_reports r, json_each(r.units) AS j WHERE r.work_date IS NOT NULL AND j.type = 'text' AND j.value <> '';
CREATE INDEX IF NOT EXISTS ix_reports_reporter ON progress_reports (reported_by, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_member_name ON progress_reports (member_name, work_date);
