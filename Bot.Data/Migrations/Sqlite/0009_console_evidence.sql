-- The office console and the evidence store (issue 16).
-- Uploaded plan documents and roster files between preview and 确认导入 (also plan files sent in chat).
CREATE TABLE IF NOT EXISTS staged_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL,
  platform TEXT NULL,
  chat_id TEXT NULL,
  result TEXT NULL,
  decided_by TEXT NULL,
  decided_at TEXT NULL
);
CREATE INDEX IF NOT EXISTS ix_staged_imports_state ON staged_imports (kind, state, created_at);

-- Photos and files kept as evidence; the bytes live in the evidence store under their SHA-256.
CREATE TABLE IF NOT EXISTS evidence (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_key TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  kind TEXT NOT NULL,
  file_name TEXT NULL,
  platform TEXT NULL,
  chat_id TEXT NULL,
  sender_id TEXT NULL,
  inbox_id INTEGER NULL,
  report_id INTEGER NULL,
  task_id INTEGER NULL,
  created_by TEXT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_evidence_source ON evidence (source_key);
CREATE INDEX IF NOT EXISTS ix_evidence_report ON evidence (report_id);
CREATE INDEX IF NOT EXISTS ix_evidence_task ON evidence (task_id);
CREATE INDEX IF NOT EXISTS ix_evidence_sha ON evidence (sha256);
CREATE INDEX IF NOT EXISTS ix_evidence_sender ON evidence (platform, chat_id, sender_id, created_at);

-- Media to download from a platform: a durable, leased queue like the outbox, so an outage loses nothing.
CREATE TABLE IF NOT EXISTS evidence_downloads (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL,
  platform TEXT NOT NULL,
  kind TEXT NOT NULL,
  media_ref TEXT NOT NULL,
  file_name TEXT NULL,
  chat_id TEXT NULL,
  sender_id TEXT NOT NULL,
  inbox_id INTEGER NULL,
  received_at TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT NULL,
  lease_expires_at TEXT NULL,
  error TEXT NULL,
  processed_at TEXT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_evidence_downloads ON evidence_downloads (dedupe_key);
CREATE INDEX IF NOT EXISTS ix_evidence_downloads_state ON evidence_downloads (state, next_attempt_at);

-- "我是XXX" requests to bind a platform account to a roster member, decided by the office.
CREATE TABLE IF NOT EXISTS binding_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  claimed_name TEXT NOT NULL,
  member_id INTEGER NULL,
  chat_id TEXT NULL,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  decided_by TEXT NULL,
  decided_at TEXT NULL
);
CREATE INDEX IF NOT EXISTS ix_binding_requests_state ON binding_requests (state, created_at);
