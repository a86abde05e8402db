-- Presence: who is online, across replicas. A user is online while they have a row in presence_sockets; every change
-- of a user's state takes their presence row's lock first, so replicas change one user's state one at a time.

-- Every replica's heartbeat. One unseen for a while is dead: a live replica takes its users' sockets away.
CREATE TABLE replicas (
    replica text        PRIMARY KEY,
    seen_at timestamptz NOT NULL
);

-- One row per open socket of /v1/stream, on the replica that holds it.
CREATE TABLE presence_sockets (
    replica text   NOT NULL,
    socket  text   NOT NULL,
    user_id bigint NOT NULL,
    PRIMARY KEY (replica, socket)
);
CREATE INDEX presence_sockets_user ON presence_sockets (user_id);

CREATE TABLE presence (
    user_id           bigint      PRIMARY KEY,
    online            boolean     NOT NULL DEFAULT false,
    -- When the user was last online; null while never offline since their first socket.
    last_seen_at      timestamptz,
    -- account-service's presence_visible = false: shown offline to everyone, and shown nobody's presence.
    hidden            boolean     NOT NULL DEFAULT false,
    -- What friends were last told, and when: at most one presence.updated per user in parley.presence.min-interval.
    told_online       boolean     NOT NULL DEFAULT false,
    told_last_seen_at timestamptz,
    told_at           timestamptz,
    -- A change inside the window waits until then; whichever replica gets there first tells the friends.
    due_at            timestamptz
);
CREATE INDEX presence_due ON presence (due_at) WHERE due_at IS NOT NULL;

-- Friends of a user by either side of the pair: the primary key covers user_low only.
CREATE INDEX relationships_high ON relationships (user_high);
