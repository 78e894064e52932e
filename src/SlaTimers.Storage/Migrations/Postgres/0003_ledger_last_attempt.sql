-- When the ledger last heard of a notification, so the recovery sweep can tell a retry that is still waiting from one
-- whose Hangfire job was lost (deleted on the dashboard, expired) — such a row stayed pending forever before.
-- last_attempt_at: when the last delivery attempt claimed the row, moved to when it failed (a retry waits from then).
-- requeued_at:     when the sweep last queued a job for the row, so it does not queue another while that one waits.
-- Rows that failed before this script get their failure instant (failed_at, which a transient failure set too), so a
-- notification already stuck is recovered after the upgrade.
ALTER TABLE slatimers.notifications ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE slatimers.notifications ADD COLUMN requeued_at timestamptz;
UPDATE slatimers.notifications SET last_attempt_at = failed_at WHERE attempts > 0;
