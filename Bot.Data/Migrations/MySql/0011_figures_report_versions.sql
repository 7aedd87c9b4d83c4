-- Figures (issue 14): when each report version stopped counting, so that a figure "as of" a past moment counts the
-- versions that were live then (a correction retires the previous version at the new one's created_at; a withdrawal
-- at its own moment). Rows older than this script get the successor's created_at, and withdrawn rows their own
-- created_at (the moment of an old withdrawal was not recorded).
ALTER TABLE progress_reports ADD COLUMN IF NOT EXISTS superseded_at DATETIME(6) NULL;
ALTER TABLE progress_reports ADD COLUMN IF NOT EXISTS withdrawn_at DATETIME(6) NULL;
UPDATE progress_reports p JOIN progress_reports n ON n.previous_id = p.id
  SET p.superseded_at = n.created_at WHERE p.is_current = 0 AND p.superseded_at IS NULL;
UPDATE progress_reports SET withdrawn_at = created_at WHERE withdrawn = 1 AND withdrawn_at IS NULL;
-- Grouped figures over a work-date range of live versions: per leader, per action, and who reported (covering).
CREATE INDEX IF NOT EXISTS ix_reports_live_member_date ON progress_reports (is_current, withdrawn, member_id, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_live_action_date ON progress_reports (is_current, withdrawn, action, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_live_date ON progress_reports (is_current, withdrawn, work_date, member_name, reported_by);
