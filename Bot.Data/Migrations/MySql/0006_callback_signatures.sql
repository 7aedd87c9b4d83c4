-- Accepted callback signatures until they expire: a DingTalk HTTP-mode sign (timestamp only) is refused for a second message.
CREATE TABLE IF NOT EXISTS callback_signatures (
  platform VARCHAR(16) NOT NULL,
  signature VARCHAR(96) COLLATE utf8mb4_bin NOT NULL,
  message_id VARCHAR(160) COLLATE utf8mb4_bin NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  PRIMARY KEY (platform, signature)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX IF NOT EXISTS ix_callback_signatures_expires ON callback_signatures (expires_at);
