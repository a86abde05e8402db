-- Attachments: files uploaded straight to the object store through signed URLs, checked when the client says the
-- upload is complete, and attached to one message.
CREATE TABLE uploads (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint      NOT NULL,
    conversation_id bigint      NOT NULL,
    filename        text        NOT NULL,
    -- Declared at first; once ready, the type the bytes really are.
    content_type    text        NOT NULL,
    size            bigint      NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready')),
    width           integer,
    height          integer,
    has_thumbnail   boolean     NOT NULL DEFAULT false,
    message_id      bigint,
    position        smallint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Set when its message or its owner is deleted: the sweeper deletes the objects, then the row.
    doomed          boolean     NOT NULL DEFAULT false
);
CREATE INDEX uploads_user ON uploads (user_id);
CREATE INDEX uploads_message ON uploads (message_id) WHERE message_id IS NOT NULL;
-- What the sweeper looks for: uploads never attached, and doomed ones.
CREATE INDEX uploads_unattached ON uploads (created_at) WHERE message_id IS NULL;
CREATE INDEX uploads_doomed ON uploads (id) WHERE doomed;

-- Bytes each user has stored or reserved for uploads under way, changed with the uploads in one transaction: a quota
-- check that concurrent uploads cannot race past.
CREATE TABLE storage_usage (
    user_id bigint PRIMARY KEY,
    bytes   bigint NOT NULL CHECK (bytes >= 0)
);
