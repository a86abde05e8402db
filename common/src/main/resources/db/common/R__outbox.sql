-- Events this service publishes to the others (common's Outbox), written in the transaction that makes the change,
-- and read in order through the service's internal feed. The cursor is (xid, position): a reader only sees events
-- of transactions older than every one still running, so an event that commits late is never skipped.
CREATE TABLE IF NOT EXISTS outbox_events (
    position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    type        text        NOT NULL,
    key         text        NOT NULL,
    data        text        NOT NULL,
    -- A state event: the newest one of its key is kept for good, so a new consumer still learns the current state.
    compacted   boolean     NOT NULL DEFAULT false,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS outbox_events_feed ON outbox_events (xid, position);
CREATE INDEX IF NOT EXISTS outbox_events_age ON outbox_events (occurred_at);
CREATE INDEX IF NOT EXISTS outbox_events_key ON outbox_events (key, type, position);

-- How far this service has applied each other service's feed: written in the transaction that applies the events.
CREATE TABLE IF NOT EXISTS feed_positions (
    feed       text        PRIMARY KEY,
    xid        xid8        NOT NULL,
    position   bigint      NOT NULL,
    applied_at timestamptz NOT NULL
);
