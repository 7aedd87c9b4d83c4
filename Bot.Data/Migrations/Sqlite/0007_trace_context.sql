-- The W3C traceparent of the request that stored a queued row: inbox processing and outbox delivery continue that
-- trace, so one message's stages (webhook → inbox → router → outbox → platform call) form one trace.
-- (The migrator skips an ADD COLUMN whose column exists: SQLite has no IF NOT EXISTS here.)
ALTER TABLE inbox ADD COLUMN trace_parent TEXT NULL;
ALTER TABLE outbox ADD COLUMN trace_parent TEXT NULL;
