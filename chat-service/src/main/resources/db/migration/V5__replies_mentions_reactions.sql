-- Replies, mentions and reactions of messages.

-- The message a reply quotes; always one of the same conversation (checked when the reply is sent), so no foreign
-- key: messages go only with their conversation, and its replies with it.
ALTER TABLE messages ADD COLUMN reply_to_id bigint;
-- The users a message mentions, in the order its sender gave them.
ALTER TABLE messages ADD COLUMN mentions bigint[] NOT NULL DEFAULT '{}';

-- One row per mention of a member in a message, so a member's unread mentions are counted from an index range:
-- those above their read mark. A deleted message's rows are deleted with its body.
CREATE TABLE mentions (
    conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         bigint NOT NULL,
    seq             bigint NOT NULL,
    PRIMARY KEY (conversation_id, user_id, seq)
);

-- Who reacted to which message with which emoji.
CREATE TABLE reactions (
    message_id bigint      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      text        NOT NULL,
    user_id    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);
CREATE INDEX reactions_by_time ON reactions (message_id, emoji, created_at, user_id);
CREATE INDEX reactions_user ON reactions (user_id);

-- Each emoji's count on a message, kept by the transaction that adds or removes a reaction under the message's row
-- lock: messages are read with their counts without counting reactions, however many there are.
CREATE TABLE reaction_totals (
    message_id bigint      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      text        NOT NULL,
    count      integer     NOT NULL CHECK (count > 0),
    first_at   timestamptz NOT NULL,
    PRIMARY KEY (message_id, emoji)
);
