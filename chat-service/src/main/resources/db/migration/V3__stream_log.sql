-- Every event announced over /v1/stream, written by the transaction that makes the change. The replica that made it
-- delivers it after commit and tells the others; every replica also reads this log by transaction id every second,
-- so an event whose announcement was lost (its replica died right after the commit) still reaches every socket.
-- Rows are kept for minutes only: clients recover older events with after_seq and /v1/sync.
CREATE TABLE stream_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid             xid8        NOT NULL DEFAULT pg_current_xact_id(),
    conversation_id bigint      NOT NULL,
    seq             bigint,
    type            text        NOT NULL,
    -- A new message: the frame is built from the message when read back, so its body is not stored twice.
    message_id      bigint,
    -- Anything else: the frame as sockets receive it.
    frame           text,
    -- Null: the conversation's members when read back.
    recipients      bigint[],
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((message_id IS NULL) <> (frame IS NULL))
);

-- A conversation's new messages in the log, for a replica that meets the conversation for the first time.
CREATE INDEX stream_events_conversation ON stream_events (conversation_id, seq) WHERE message_id IS NOT NULL;
