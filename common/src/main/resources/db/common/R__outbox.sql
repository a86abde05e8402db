-- Events this service publishes to the others (common's Outbox), written in the transaction that makes the change,
-- and read in position order through the service's internal feed.
--
-- A row's position is given when its transaction commits, by a deferred trigger that first takes this schema's
-- outbox lock and holds it until the commit is done: publishing commits take turns, so positions become visible
-- strictly in order and a reader that has seen position N has seen every committed position below N. A feed is in
-- commit order and nobody can skip an event that commits late. The lock is held only from the commit's start to its
-- end, after every statement of the transaction, so it never waits for a row lock.
CREATE TABLE IF NOT EXISTS outbox_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL only until the transaction commits.
    position    bigint,
    type        text        NOT NULL,
    key         text        NOT NULL,
    data        text        NOT NULL,
    -- A state event: the newest one of its key is kept for good, so a new consumer still learns the current state.
    compacted   boolean     NOT NULL DEFAULT false,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_events_position ON outbox_events (position);
CREATE INDEX IF NOT EXISTS outbox_events_age ON outbox_events (occurred_at);
CREATE INDEX IF NOT EXISTS outbox_events_key ON outbox_events (key, type, position);
CREATE SEQUENCE IF NOT EXISTS outbox_positions;

CREATE OR REPLACE FUNCTION outbox_events_take_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.outbox_events'));
    EXECUTE format('UPDATE %I.outbox_events SET position = nextval(%L) WHERE id = $1', TG_TABLE_SCHEMA,
                   TG_TABLE_SCHEMA || '.outbox_positions')
        USING NEW.id;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS outbox_events_position ON outbox_events;
CREATE CONSTRAINT TRIGGER outbox_events_position AFTER INSERT ON outbox_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION outbox_events_take_position();

-- How far this service has applied each other service's feed: written in the transaction that applies the events.
CREATE TABLE IF NOT EXISTS feed_positions (
    feed       text        PRIMARY KEY,
    position   bigint      NOT NULL,
    applied_at timestamptz NOT NULL
);
