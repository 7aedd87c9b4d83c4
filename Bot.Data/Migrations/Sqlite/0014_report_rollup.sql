-- Figures at scale (issue 20): a daily rollup of the live report versions, maintained in the same transaction as every
-- report write (new report, correction, withdrawal, restoration: one upsert of +1/-1 deltas each), so that figures "as
-- of now" read a few thousand aggregate rows instead of a million reports. kind 0 = the report itself (name ''),
-- kind 1 = a metric (name = metric key, value = its sum), kind 2 = a place or unit the report names (name = that text).
-- member_id and action use 0 for "none" (they are key columns). reported_by is kept on kind 0 rows only (who reported).
-- A row's reports count is the number of live reports with exactly that key, never negative; rows that fall to 0 stay.
-- Rebuilt from scratch by "db rebuild-rollup" (the same statements as the fill below).
CREATE TABLE IF NOT EXISTS report_rollup (
  kind INTEGER NOT NULL,
  work_date TEXT NOT NULL,
  member_id INTEGER NOT NULL,
  member_name TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  action INTEGER NOT NULL,
  name TEXT NOT NULL,
  reports INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (kind, work_date, member_id, member_name, reported_by, action, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_rollup_member ON report_rollup (kind, member_id, work_date, reports, value);
CREATE INDEX IF NOT EXISTS ix_rollup_action ON report_rollup (kind, action, work_date, reports, value);
CREATE INDEX IF NOT EXISTS ix_rollup_member_name ON report_rollup (kind, member_name, work_date, reports);
CREATE INDEX IF NOT EXISTS ix_rollup_reported_by ON report_rollup (kind, reported_by, work_date, reports);
-- Paged report lists of a period, newest work date first (ORDER BY work_date DESC, id DESC read in index order:
-- ix_reports_live_date carries names before the row id, so it made the database sort every report of the period).
CREATE INDEX IF NOT EXISTS ix_reports_live_work ON progress_reports (is_current, withdrawn, work_date);
-- River-patrol candidates (activity 河长 or a patrols metric) of a period, for digests and reminders.
CREATE INDEX IF NOT EXISTS ix_reports_live_activity ON progress_reports (is_current, withdrawn, activity, work_date);
CREATE INDEX IF NOT EXISTS ix_metrics_metric ON report_metrics (metric, report_id);
-- A report's versions (the detail page, corrections, the board's photo count) by their chain's root.
CREATE INDEX IF NOT EXISTS ix_reports_root ON progress_reports (root_id, version);
DELETE FROM report_rollup;
INSERT INTO report_rollup (kind, work_date, member_id, member_name, reported_by, action, name, reports, value)
SELECT kind, work_date, member_id, member_name, reported_by, action, name, SUM(reports), SUM(value) FROM (
  SELECT 0 AS kind, r.work_date AS work_date, COALESCE(r.member_id, 0) AS member_id, r.member_name AS member_name, r.reported_by AS reported_by,
    COALESCE(r.action, 0) AS action, '' AS name, 1 AS reports, 0.0 AS value
  FROM progress_reports r WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL
  UNION ALL
  SELECT 1, r.work_date, COALESCE(r.member_id, 0), r.member_name, '', COALESCE(r.action, 0), m.metric, 1, m.value
  FROM progress_reports r JOIN report_metrics m ON m.report_id = r.id WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL
  UNION ALL
  SELECT 2, p.work_date, p.member_id, p.member_name, '', p.action, p.name, 1, 0.0 FROM (
    SELECT r.id, r.work_date, COALESCE(r.member_id, 0) AS member_id, r.member_name, COALESCE(r.action, 0) AS action, j.value AS name
    FROM progress_reports r, json_each(r.places) j WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL AND j.value <> ''
    UNION
    SELECT r.id, r.work_date, COALESCE(r.member_id, 0), r.member_name, COALESCE(r.action, 0), j.value
    FROM progress_reports r, json_each(r.units) j WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL AND j.value <> ''
  ) p
) d
GROUP BY kind, work_date, member_id, member_name, reported_by, action, name;
