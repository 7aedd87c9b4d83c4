-- The office console and the evidence store (issue 16).
-- Uploaded plan documents and roster files between preview and 确认导入 (also plan files sent in chat).
CREATE TABLE IF NOT EXISTS staged_imports (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  state VARCHAR(16) NOT NULL,
  platform VARCHAR(16) NULL,
  chat_id VARCHAR(128) NULL,
  result TEXT NULL,
  decided_by VARCHAR(64) NULL,
  decided_at DATETIME(6) NULL,
  KEY ix_staged_imports_state (kind, state, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Photos and files kept as evidence; the bytes live in the evidence store under their SHA-256.
CREATE TABLE IF NOT EXISTS evidence (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source_key VARCHAR(191) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  content_type VARCHAR(128) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  file_name VARCHAR(255) NULL,
  platform VARCHAR(16) NULL,
  chat_id VARCHAR(128) NULL,
  sender_id VARCHAR(128) NULL,
  inbox_id BIGINT NULL,
  report_id BIGINT NULL,
  task_id BIGINT NULL,
  created_by VARCHAR(64) NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uk_evidence_source (source_key),
  KEY ix_evidence_report (report_id),
  KEY ix_evidence_task (task_id),
  KEY ix_evidence_sha (sha256),
  KEY ix_evidence_sender (platform, chat_id, sender_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Media to download from a platform: a durable, leased queue like the outbox, so an outage loses nothing.
CREATE TABLE IF NOT EXISTS evidence_downloads (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dedupe_key VARCHAR(191) NOT NULL,
  platform VARCHAR(16) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  media_ref TEXT NOT NULL,
  file_name VARCHAR(255) NULL,
  chat_id VARCHAR(128) NULL,
  sender_id VARCHAR(128) NOT NULL,
  inbox_id BIGINT NULL,
  received_at DATETIME(6) NOT NULL,
  state VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  lease_owner VARCHAR(64) NULL,
  lease_expires_at DATETIME(6) NULL,
  error TEXT NULL,
  processed_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uk_evidence_downloads (dedupe_key),
  KEY ix_evidence_downloads_state (state, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "我是XXX" requests to bind a platform account to a roster member, decided by the office.
CREATE TABLE IF NOT EXISTS binding_requests (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  platform VARCHAR(16) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  claimed_name VARCHAR(32) NOT NULL,
  member_id BIGINT NULL,
  chat_id VARCHAR(128) NULL,
  state VARCHAR(16) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  decided_by VARCHAR(64) NULL,
  decided_at DATETIME(6) NULL,
  KEY ix_binding_requests_state (state, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
