-- The replies of an inbox message: read by every WeCom stream refresh and by crash recovery (was a full scan).
CREATE INDEX IF NOT EXISTS ix_outbox_inbox ON outbox (inbox_id);
-- "谁还没汇报": the names on current reports created in a period, read from this index alone (a range on created_at
-- after the two flags) instead of the table.
CREATE INDEX IF NOT EXISTS ix_reports_current_created ON progress_reports (is_current, withdrawn, created_at, member_name, reported_by);
