-- SlaTimers schema v1 (SQLite). Instants are INTEGER Unix microseconds (the precision PostgreSQL keeps);
-- durations are INTEGER ticks (100 ns); booleans 0/1; JSON documents TEXT. STRICT tables refuse values of
-- the wrong type. clocks and ticket_timers rows are written only with their ticket, in its transaction: no
-- foreign keys (as on PostgreSQL, where their per-row checks cost too much; a purge deletes all three).

CREATE TABLE tickets (
    source             TEXT    NOT NULL CHECK (source <> ''),
    external_id        TEXT    NOT NULL CHECK (external_id <> ''),
    display_id         TEXT    NOT NULL,
    subject            TEXT    NOT NULL,
    link               TEXT,
    created            INTEGER NOT NULL,
    first_seen         INTEGER NOT NULL,
    evaluated_at       INTEGER NOT NULL,
    next_checkpoint_at INTEGER,
    is_open            INTEGER NOT NULL,
    ticket             TEXT    NOT NULL,
    timeline           TEXT    NOT NULL,
    PRIMARY KEY (source, external_id)
) STRICT;
CREATE INDEX tickets_open ON tickets (source, external_id) WHERE is_open;

CREATE TABLE clocks (
    source         TEXT    NOT NULL,
    external_id    TEXT    NOT NULL,
    clock_key      TEXT    NOT NULL,
    ordinal        INTEGER NOT NULL,
    agreement_id   TEXT    NOT NULL,
    agreement_kind TEXT    NOT NULL,
    metric         TEXT    NOT NULL,
    cycle          INTEGER NOT NULL CHECK (cycle >= 1),
    state          TEXT    NOT NULL,
    is_open        INTEGER NOT NULL,
    is_paused      INTEGER NOT NULL,
    policy_id      TEXT,
    priority       TEXT,
    calendar_id    TEXT,
    started        INTEGER NOT NULL,
    stopped        INTEGER,
    stop_reason    TEXT,
    used_ticks     INTEGER NOT NULL,
    budget_ticks   INTEGER NOT NULL,
    deadline       INTEGER,
    breached_at    INTEGER,
    checkpoints    TEXT    NOT NULL,
    PRIMARY KEY (source, external_id, clock_key)
) STRICT;
-- Dashboard: open clocks by deadline (at risk), breaches by when they happened.
CREATE INDEX clocks_open_by_deadline ON clocks (deadline) WHERE is_open;
CREATE INDEX clocks_breached_at ON clocks (breached_at) WHERE breached_at IS NOT NULL;

CREATE TABLE ticket_timers (
    source      TEXT    NOT NULL,
    external_id TEXT    NOT NULL,
    due_at      INTEGER,
    job_id      TEXT,
    job_due_at  INTEGER,
    PRIMARY KEY (source, external_id)
) STRICT;
CREATE INDEX ticket_timers_due ON ticket_timers (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX ticket_timers_obsolete ON ticket_timers (source, external_id) WHERE due_at IS NULL AND job_id IS NOT NULL;

CREATE TABLE sync_state (
    source       TEXT PRIMARY KEY,
    cursor       TEXT,
    last_success INTEGER,
    last_attempt INTEGER,
    last_error   TEXT
) STRICT;

CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT    NOT NULL,
    external_id TEXT,
    reason      TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX quarantine_source_at ON quarantine (source, at);

CREATE TABLE notifications (
    key            TEXT PRIMARY KEY,
    source         TEXT    NOT NULL,
    external_id    TEXT    NOT NULL,
    clock_key      TEXT    NOT NULL,
    checkpoint_key TEXT    NOT NULL,
    recipient      TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    due_at         INTEGER NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    claimed_until  INTEGER,
    delivered_at   INTEGER,
    failed_at      INTEGER,
    last_error     TEXT
) STRICT;
CREATE INDEX notifications_undelivered ON notifications (due_at) WHERE state IN ('pending', 'sending');
CREATE INDEX notifications_ticket ON notifications (source, external_id);
