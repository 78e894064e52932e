-- When a notification that failed for now is due for its retry, so the recovery sweep can tell a retry job that was lost
-- (deleted on the dashboard, expired) minutes after that retry should have run, not an hour after the last attempt.
-- next_attempt_at: set by a failed attempt to the instant the delivery job scheduled its retry for (the job decides the
--                  delay: its back-off, or the channel's Retry-After); cleared by a claim and by a failure for good.
-- Rows that failed before this script keep NULL: the sweep falls back to their last attempt plus the longest a retry
-- may wait.
ALTER TABLE notifications ADD COLUMN next_attempt_at INTEGER;
