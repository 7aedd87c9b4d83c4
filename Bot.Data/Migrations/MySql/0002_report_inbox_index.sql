-- Finds the report of an inbox message (idempotent processing).
CREATE INDEX ix_reports_inbox ON progress_reports (inbox_id);
