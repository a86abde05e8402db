-- Pinned messages: at most 50 per conversation, counted under the conversation's row lock.
CREATE TABLE pins (
    message_id      bigint      PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id bigint      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    pinned_by       bigint      NOT NULL,
    pinned_at       timestamptz NOT NULL
);
CREATE INDEX pins_conversation ON pins (conversation_id, pinned_at DESC, message_id DESC);
-- A user's pins, for their data export.
CREATE INDEX pins_pinned_by ON pins (pinned_by);
