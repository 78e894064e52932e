-- SlaTimers schema v1 (PostgreSQL). Instants are timestamptz (microsecond precision); durations are
-- bigint ticks (100 ns). Key columns use the "C" collation so keyset paging orders like SQLite's BINARY.
-- The ticket document is jsonb (queryable fields); timelines and checkpoints are json: written on every
-- page, read whole, never queried inside, so they skip jsonb's parsing and keep their text as written.
-- clocks and ticket_timers rows are written only with their ticket, in its transaction: no foreign keys,
-- whose per-row checks would cost more than the page's other work (a purge deletes all three).

CREATE TABLE slatimers.tickets (
    source             text COLLATE "C" NOT NULL CHECK (source <> ''),
    external_id        text COLLATE "C" NOT NULL CHECK (external_id <> ''),
    display_id         text        NOT NULL,
    subject            text        NOT NULL,
    link               text,
    created            timestamptz NOT NULL,
    first_seen         timestamptz NOT NULL,
    evaluated_at       timestamptz NOT NULL,
    next_checkpoint_at timestamptz,
    is_open            boolean     NOT NULL,
    ticket             jsonb       NOT NULL,
    timeline           json        NOT NULL,
    PRIMARY KEY (source, external_id)
);
CREATE INDEX tickets_open ON slatimers.tickets (source, external_id) WHERE is_open;

CREATE TABLE slatimers.clocks (
    source         text COLLATE "C" NOT NULL,
    external_id    text COLLATE "C" NOT NULL,
    clock_key      text        NOT NULL,
    ordinal        integer     NOT NULL,
    agreement_id   text        NOT NULL,
    agreement_kind text        NOT NULL,
    metric         text        NOT NULL,
    cycle          integer     NOT NULL CHECK (cycle >= 1),
    state          text        NOT NULL,
    is_open        boolean     NOT NULL,
    is_paused      boolean     NOT NULL,
    policy_id      text,
    priority       text,
    calendar_id    text,
    started        timestamptz NOT NULL,
    stopped        timestamptz,
    stop_reason    text,
    used_ticks     bigint      NOT NULL,
    budget_ticks   bigint      NOT NULL,
    deadline       timestamptz,
    breached_at    timestamptz,
    checkpoints    json        NOT NULL,
    PRIMARY KEY (source, external_id, clock_key)
);
-- Dashboard: open clocks by deadline (at risk), breaches by when they happened.
CREATE INDEX clocks_open_by_deadline ON slatimers.clocks (deadline) WHERE is_open;
CREATE INDEX clocks_breached_at ON slatimers.clocks (breached_at) WHERE breached_at IS NOT NULL;

CREATE TABLE slatimers.ticket_timers (
    source      text COLLATE "C" NOT NULL,
    external_id text COLLATE "C" NOT NULL,
    due_at      timestamptz,
    job_id      text,
    job_due_at  timestamptz,
    PRIMARY KEY (source, external_id)
);
CREATE INDEX ticket_timers_due ON slatimers.ticket_timers (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX ticket_timers_obsolete ON slatimers.ticket_timers (source, external_id) WHERE due_at IS NULL AND job_id IS NOT NULL;

CREATE TABLE slatimers.sync_state (
    source       text COLLATE "C" PRIMARY KEY,
    cursor       text,
    last_success timestamptz,
    last_attempt timestamptz,
    last_error   text
);

CREATE TABLE slatimers.quarantine (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text        NOT NULL,
    external_id text,
    reason      text        NOT NULL,
    payload     text        NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX quarantine_source_at ON slatimers.quarantine (source, at);

CREATE TABLE slatimers.notifications (
    key            text COLLATE "C" PRIMARY KEY,
    source         text        NOT NULL,
    external_id    text        NOT NULL,
    clock_key      text        NOT NULL,
    checkpoint_key text        NOT NULL,
    recipient      text        NOT NULL,
    channel        text        NOT NULL,
    due_at         timestamptz NOT NULL,
    state          text        NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
    attempts       integer     NOT NULL DEFAULT 0,
    claimed_until  timestamptz,
    delivered_at   timestamptz,
    failed_at      timestamptz,
    last_error     text
);
CREATE INDEX notifications_undelivered ON slatimers.notifications (due_at) WHERE state IN ('pending', 'sending');
CREATE INDEX notifications_ticket ON slatimers.notifications (source, external_id);
