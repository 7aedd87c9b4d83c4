-- The W3C traceparent of the request that stored a queued row: inbox processing and outbox delivery continue that
-- trace, so one message's stages (webhook → inbox → router → outbox → platform call) form one trace.
ALTER TABLE inbox ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(64) NULL;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(64) NULL;
