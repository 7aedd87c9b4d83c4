-- The replies of an inbox message: read by every WeCom stream refresh and by crash recovery (was a full scan).
CREATE INDEX IF NOT EXISTS ix_outbox_inbox ON outbox (inbox_id);
-- "谁还没汇报": the names on current reports created in a period, answered from the index alone.
CREATE INDEX IF NOT EXISTS ix_reports_current_created ON progress_reports (is_current, withdrawn, created_at, member_name, reported_by);
