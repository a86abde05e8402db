-- Push notifications: the devices that receive them, what each user wants, and the queues between a commit and the
-- providers.

-- A device registered by a session; it ends with the session (account-service's session.revoked) or the account.
CREATE TABLE devices (
    user_id      bigint      NOT NULL,
    device_id    text        NOT NULL,
    -- Null for an access token that names no session.
    session_id   bigint,
    platform     text        NOT NULL CHECK (platform IN ('fcm', 'apns', 'webpush')),
    -- The FCM or APNs token, or the Web Push endpoint.
    token        text        NOT NULL,
    p256dh       text,
    auth         text,
    app_id       text,
    locale       text,
    -- The badge this device was last sent; a read elsewhere sends a silent push only when it is out of date.
    badge        integer,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
-- One registration per token: a token registered again (another account on the same install) moves there.
CREATE UNIQUE INDEX devices_token ON devices (platform, token);
CREATE INDEX devices_session ON devices (session_id) WHERE session_id IS NOT NULL;

-- A member's choice for one conversation; no row: the default (all in direct conversations and groups of up to 20
-- members, mentions in larger groups).
CREATE TABLE conversation_notifications (
    conversation_id bigint      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL,
    level           text        NOT NULL CHECK (level IN ('all', 'mentions', 'none')),
    muted_until     timestamptz,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_notifications_user ON conversation_notifications (user_id);

-- A user's choices for all their pushes; no row: previews on, not quiet.
CREATE TABLE notification_settings (
    user_id     bigint      PRIMARY KEY,
    previews    boolean     NOT NULL DEFAULT true,
    quiet_until timestamptz
);

-- Work for the push planner, written by the transaction that stores messages (one row per batch) or moves a read
-- mark of a user with devices; a planner takes a job, writes its pushes and deletes it in one transaction.
CREATE TABLE push_jobs (
    id          bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_ids bigint[],
    -- A read: the reader's devices may need their badge set again.
    reader_id   bigint,
    CHECK ((message_ids IS NULL) <> (reader_id IS NULL))
);

-- Pushes waiting for a provider. The id is the push's for good: sent again after a failure or a crash, it is the
-- same push.
CREATE TABLE push_outbox (
    id           uuid        PRIMARY KEY,
    user_id      bigint      NOT NULL,
    device_id    text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    due_at       timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0,
    -- Taken by a worker until then; past it, the push is due again.
    leased_until timestamptz,
    FOREIGN KEY (user_id, device_id) REFERENCES devices ON DELETE CASCADE
);
CREATE INDEX push_outbox_due ON push_outbox (due_at);
CREATE INDEX push_outbox_device ON push_outbox (user_id, device_id);
