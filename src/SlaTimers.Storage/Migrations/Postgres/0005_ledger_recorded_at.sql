-- When a notification was recorded (its checkpoint fired), so the worker can tell how far its deliveries are behind:
-- a notification waits from its due instant or from its recording, whichever came later (a ticket first synced with a
-- checkpoint long past is recorded now, and is not late by the checkpoint's age).
-- Rows recorded before this script keep NULL and wait from their due instant.
ALTER TABLE slatimers.notifications ADD COLUMN recorded_at timestamptz;
