-- A row version on tickets, for optimistic concurrency: every write of a ticket (a sync page, a saved evaluation)
-- moves it on, and an evaluation (timer, configuration reload) is saved only if the ticket is still at the version it
-- was read at — so an evaluation of an older state never overwrites a page that committed meanwhile. Rows stored
-- before this script start at 1, as new rows do; 0 stands for a record that was never read from the store.
ALTER TABLE tickets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
