-- Finds the report of an inbox message (idempotent processing).
CREATE INDEX IF NOT EXISTS ix_reports_inbox ON progress_reports (inbox_id);
