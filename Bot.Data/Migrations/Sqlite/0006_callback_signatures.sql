-- Accepted callback signatures until they expire: a DingTalk HTTP-mode sign (timestamp only) is refused for a second message.
CREATE TABLE IF NOT EXISTS callback_signatures (
  platform TEXT NOT NULL,
  signature TEXT NOT NULL,
  message_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (platform, signature)
);
CREATE INDEX IF NOT EXISTS ix_callback_signatures_expires ON callback_signatures (expires_at);
