-- chat-service's own copy of who may message whom, fed by friendship-service's relationship.changed events (one row
-- per pair, lower user id first), so sending decides without asking friendship-service. A pair's events carry
-- increasing positions: a row only ever moves to a higher one, so a late or repeated event never undoes a newer one.
CREATE TABLE relationships (
    user_low   bigint   NOT NULL,
    user_high  bigint   NOT NULL,
    friends    boolean  NOT NULL,
    -- Who of the two blocks the other (either, both or none).
    blocked_by bigint[] NOT NULL DEFAULT '{}',
    position   bigint   NOT NULL,
    PRIMARY KEY (user_low, user_high),
    CHECK (user_low < user_high)
);

-- A user's own messages: erasing an account tombstones them, and the data export lists them.
CREATE INDEX messages_sender ON messages (sender_id);
