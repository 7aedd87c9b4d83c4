-- Figures (issue 14): when each report version stopped counting, so that a figure "as of" a past moment counts the
-- versions that were live then (a correction retires the previous version at the new one's created_at; a withdrawal
-- at its own moment). Rows older than this script get the successor's created_at, and withdrawn rows their own
-- created_at (the moment of an old withdrawal was not recorded).
-- (The migrator skips an ADD COLUMN whose column exists: SQLite has no IF NOT EXISTS here.)
ALTER TABLE progress_reports ADD COLUMN superseded_at TEXT NULL;
ALTER TABLE progress_reports ADD COLUMN withdrawn_at TEXT NULL;
UPDATE progress_reports SET superseded_at = (SELECT n.created_at FROM progress_reports n WHERE n.previous_id = progress_reports.id)
  WHERE is_current = 0 AND superseded_at IS NULL;
UPDATE progress_reports SET withdrawn_at = created_at WHERE withdrawn = 1 AND withdrawn_at IS NULL;
-- Grouped figures over a work-date range of live versions: per leader, per action, and who reported (covering).
CREATE INDEX IF NOT EXISTS ix_reports_live_member_date ON progress_reports (is_current, withdrawn, member_id, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_live_action_date ON progress_reports (is_current, withdrawn, action, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_live_date ON progress_reports (is_current, withdrawn, work_date, member_name, reported_by);
