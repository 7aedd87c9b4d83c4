-- TieXiBot initial schema (MySQL 8 / MariaDB 10.11). Timestamps are UTC in DATETIME(6); business dates are DATE.
CREATE TABLE IF NOT EXISTS units (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  aliases TEXT NOT NULL,
  type VARCHAR(16) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uk_units_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS members (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(32) NOT NULL,
  title VARCHAR(64) NULL,
  role VARCHAR(16) NOT NULL,
  unit_id BIGINT NULL,
  leader_id BIGINT NULL,
  river_chief_level VARCHAR(8) NULL,
  active TINYINT NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL,
  KEY ix_members_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS member_units (
  member_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  PRIMARY KEY (member_id, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS member_accounts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  platform VARCHAR(16) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  member_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uk_member_accounts (platform, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS chats (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  platform VARCHAR(16) NOT NULL,
  chat_id VARCHAR(128) NOT NULL,
  title VARCHAR(128) NULL,
  purpose VARCHAR(32) NULL,
  whitelisted TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uk_chats (platform, chat_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS plans (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(256) NOT NULL,
  source_year INT NULL,
  year INT NOT NULL,
  version INT NOT NULL,
  content_hash CHAR(64) NOT NULL,
  document MEDIUMTEXT NOT NULL,
  is_active TINYINT NOT NULL DEFAULT 1,
  imported_at DATETIME(6) NOT NULL,
  UNIQUE KEY uk_plans_hash_year (content_hash, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS plan_actions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  number INT NOT NULL,
  title VARCHAR(256) NOT NULL,
  period VARCHAR(64) NULL,
  start_date DATE NULL,
  end_date DATE NULL,
  description TEXT NULL,
  UNIQUE KEY uk_plan_actions (plan_id, number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS milestones (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  action_id BIGINT NULL,
  text TEXT NOT NULL,
  start_date DATE NULL,
  end_date DATE NULL,
  recurrence VARCHAR(16) NULL,
  KEY ix_milestones_plan (plan_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS targets (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  action_id BIGINT NULL,
  metric VARCHAR(32) NOT NULL,
  per VARCHAR(16) NOT NULL,
  min_value DOUBLE NULL,
  max_value DOUBLE NULL,
  threshold DOUBLE NULL,
  applies_to VARCHAR(32) NOT NULL,
  text TEXT NOT NULL,
  KEY ix_targets_plan (plan_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS duties (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  action_id BIGINT NULL,
  text TEXT NOT NULL,
  every VARCHAR(16) NOT NULL,
  level VARCHAR(16) NULL,
  photo_required TINYINT NOT NULL DEFAULT 0,
  KEY ix_duties_plan (plan_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS responsibilities (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  action_id BIGINT NULL,
  kind VARCHAR(16) NOT NULL,
  name VARCHAR(128) NOT NULL,
  unit_id BIGINT NULL,
  KEY ix_responsibilities_plan (plan_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS tasks (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT NULL,
  action_id BIGINT NULL,
  milestone_id BIGINT NULL,
  title TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  due_start DATE NULL,
  due_end DATE NULL,
  recurrence VARCHAR(16) NULL,
  owner_unit_id BIGINT NULL,
  leader_id BIGINT NULL,
  evidence TEXT NULL,
  closed_at DATETIME(6) NULL,
  closed_by VARCHAR(64) NULL,
  created_by VARCHAR(64) NULL,
  created_at DATETIME(6) NOT NULL,
  KEY ix_tasks_status_due (status, due_end)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS inbox (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  platform VARCHAR(16) NOT NULL,
  message_id VARCHAR(128) NOT NULL,
  chat_id VARCHAR(128) NULL,
  sender_id VARCHAR(128) NOT NULL,
  sender_name VARCHAR(64) NULL,
  text TEXT NOT NULL,
  images INT NOT NULL DEFAULT 0,
  raw MEDIUMTEXT NULL,
  reply_to TEXT NULL,
  received_at DATETIME(6) NOT NULL,
  state VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  lease_owner VARCHAR(64) NULL,
  lease_expires_at DATETIME(6) NULL,
  error TEXT NULL,
  processed_at DATETIME(6) NULL,
  UNIQUE KEY uk_inbox_message (platform, message_id),
  KEY ix_inbox_state (state, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS progress_reports (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inbox_id BIGINT NULL,
  member_id BIGINT NULL,
  member_name VARCHAR(32) NOT NULL,
  reported_by VARCHAR(32) NOT NULL,
  plan_id BIGINT NULL,
  action INT NULL,
  activity VARCHAR(8) NULL,
  work_date DATE NULL,
  end_date DATE NULL,
  people TEXT NOT NULL,
  places TEXT NOT NULL,
  units TEXT NOT NULL,
  metrics TEXT NOT NULL,
  photos INT NOT NULL DEFAULT 0,
  confidence DOUBLE NOT NULL,
  missing TEXT NOT NULL,
  raw_text TEXT NOT NULL,
  source VARCHAR(8) NOT NULL,
  version INT NOT NULL DEFAULT 1,
  previous_id BIGINT NULL,
  root_id BIGINT NULL,
  is_current TINYINT NOT NULL DEFAULT 1,
  withdrawn TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  KEY ix_reports_member_date (member_id, is_current, work_date),
  KEY ix_reports_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS report_metrics (
  report_id BIGINT NOT NULL,
  metric VARCHAR(32) NOT NULL,
  value DOUBLE NOT NULL,
  PRIMARY KEY (report_id, metric)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS outbox (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  platform VARCHAR(16) NOT NULL,
  channel VARCHAR(32) NOT NULL,
  target VARCHAR(512) NOT NULL,
  msg_type VARCHAR(16) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  mentions TEXT NULL,
  source VARCHAR(16) NOT NULL,
  inbox_id BIGINT NULL,
  dedupe_key VARCHAR(191) NULL,
  state VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  lease_owner VARCHAR(64) NULL,
  lease_expires_at DATETIME(6) NULL,
  error TEXT NULL,
  created_at DATETIME(6) NOT NULL,
  sent_at DATETIME(6) NULL,
  UNIQUE KEY uk_outbox_dedupe (dedupe_key),
  KEY ix_outbox_state (state, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(64) NOT NULL,
  action VARCHAR(32) NOT NULL,
  entity VARCHAR(32) NOT NULL,
  entity_id VARCHAR(64) NULL,
  old_value TEXT NULL,
  new_value TEXT NULL,
  KEY ix_audit_entity (entity, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS conversation_states (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  platform VARCHAR(16) NOT NULL,
  chat_id VARCHAR(128) NOT NULL,
  sender VARCHAR(128) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  payload TEXT NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  UNIQUE KEY uk_conversation_states (platform, chat_id, sender)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS leases (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  owner VARCHAR(64) NOT NULL,
  expires_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
