-- Mark-before-send (issue 19, finding 7): when a delivery to a channel without an idempotency key begins, the sender
-- stores the time first. A row claimed again with this set was in flight when its host died: it may have been shown
-- already, so it is not sent again. Cleared when the platform answered with an error (a retry is then safe).
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS send_started_at DATETIME(6) NULL;
