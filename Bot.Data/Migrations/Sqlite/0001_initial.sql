-- TieXiBot initial schema (SQLite). Timestamps are UTC text; business dates are ISO text.
CREATE TABLE IF NOT EXISTS units (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_units_name ON units (name);

CREATE TABLE IF NOT EXISTS members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  title TEXT NULL,
  role TEXT NOT NULL,
  unit_id INTEGER NULL,
  leader_id INTEGER NULL,
  river_chief_level TEXT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_members_name ON members (name);

CREATE TABLE IF NOT EXISTS member_units (
  member_id INTEGER NOT NULL,
  unit_id INTEGER NOT NULL,
  PRIMARY KEY (member_id, unit_id)
);

CREATE TABLE IF NOT EXISTS member_accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  member_id INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_member_accounts ON member_accounts (platform, user_id);

CREATE TABLE IF NOT EXISTS chats (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  title TEXT NULL,
  purpose TEXT NULL,
  whitelisted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_chats ON chats (platform, chat_id);

CREATE TABLE IF NOT EXISTS plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  source_year INTEGER NULL,
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  document TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  imported_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_plans_hash_year ON plans (content_hash, year);

CREATE TABLE IF NOT EXISTS plan_actions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  period TEXT NULL,
  start_date TEXT NULL,
  end_date TEXT NULL,
  description TEXT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_plan_actions ON plan_actions (plan_id, number);

CREATE TABLE IF NOT EXISTS milestones (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL,
  action_id INTEGER NULL,
  text TEXT NOT NULL,
  start_date TEXT NULL,
  end_date TEXT NULL,
  recurrence TEXT NULL
);
CREATE INDEX IF NOT EXISTS ix_milestones_plan ON milestones (plan_id);

CREATE TABLE IF NOT EXISTS targets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL,
  action_id INTEGER NULL,
  metric TEXT NOT NULL,
  per TEXT NOT NULL,
  min_value REAL NULL,
  max_value REAL NULL,
  threshold REAL NULL,
  applies_to TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_targets_plan ON targets (plan_id);

CREATE TABLE IF NOT EXISTS duties (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL,
  action_id INTEGER NULL,
  text TEXT NOT NULL,
  every TEXT NOT NULL,
  level TEXT NULL,
  photo_required INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_duties_plan ON duties (plan_id);

CREATE TABLE IF NOT EXISTS responsibilities (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL,
  action_id INTEGER NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  unit_id INTEGER NULL
);
CREATE INDEX IF NOT EXISTS ix_responsibilities_plan ON responsibilities (plan_id);

CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NULL,
  action_id INTEGER NULL,
  milestone_id INTEGER NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  due_start TEXT NULL,
  due_end TEXT NULL,
  recurrence TEXT NULL,
  owner_unit_id INTEGER NULL,
  leader_id INTEGER NULL,
  evidence TEXT NULL,
  closed_at TEXT NULL,
  closed_by TEXT NULL,
  created_by TEXT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_tasks_status_due ON tasks (status, due_end);

CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  message_id TEXT NOT NULL,
  chat_id TEXT NULL,
  sender_id TEXT NOT NULL,
  sender_name TEXT NULL,
  text TEXT NOT NULL,
  images INTEGER NOT NULL DEFAULT 0,
  raw TEXT NULL,
  reply_to TEXT NULL,
  received_at TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT NULL,
  lease_expires_at TEXT NULL,
  error TEXT NULL,
  processed_at TEXT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_inbox_message ON inbox (platform, message_id);
CREATE INDEX IF NOT EXISTS ix_inbox_state ON inbox (state, next_attempt_at);

CREATE TABLE IF NOT EXISTS progress_reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  inbox_id INTEGER NULL,
  member_id INTEGER NULL,
  member_name TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  plan_id INTEGER NULL,
  action INTEGER NULL,
  activity TEXT NULL,
  work_date TEXT NULL,
  end_date TEXT NULL,
  people TEXT NOT NULL,
  places TEXT NOT NULL,
  units TEXT NOT NULL,
  metrics TEXT NOT NULL,
  photos INTEGER NOT NULL DEFAULT 0,
  confidence REAL NOT NULL,
  missing TEXT NOT NULL,
  raw_text TEXT NOT NULL,
  source TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  previous_id INTEGER NULL,
  root_id INTEGER NULL,
  is_current INTEGER NOT NULL DEFAULT 1,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_reports_member_date ON progress_reports (member_id, is_current, work_date);
CREATE INDEX IF NOT EXISTS ix_reports_created ON progress_reports (created_at);

CREATE TABLE IF NOT EXISTS report_metrics (
  report_id INTEGER NOT NULL,
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (report_id, metric)
);

CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  msg_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  mentions TEXT NULL,
  source TEXT NOT NULL,
  inbox_id INTEGER NULL,
  dedupe_key TEXT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT NULL,
  lease_expires_at TEXT NULL,
  error TEXT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_outbox_dedupe ON outbox (dedupe_key);
CREATE INDEX IF NOT EXISTS ix_outbox_state ON outbox (state, next_attempt_at);

CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NULL,
  old_value TEXT NULL,
  new_value TEXT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_entity ON audit_log (entity, entity_id);

CREATE TABLE IF NOT EXISTS conversation_states (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uk_conversation_states ON conversation_states (platform, chat_id, sender);

CREATE TABLE IF NOT EXISTS leases (
  name TEXT NOT NULL PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
