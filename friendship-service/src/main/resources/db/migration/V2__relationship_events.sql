-- relationship.changed state events for the pairs that already are friends or blocked, so a consumer that reads the
-- feed from the start learns the graph as it stands; pending requests concern nobody else and need none. Changes
-- from here on publish their own event (RelationshipEvents).

-- The outbox comes from common's repeatable migration R__outbox.sql, which Flyway runs only after every versioned
-- one: its table and position sequence are created here first, with the very same definitions, which R__outbox.sql
-- then leaves as they are and completes (indexes, the trigger that gives positions at commit). Without that trigger
-- yet, the events take their positions here; where it already exists, it gives them new ones at this commit.
CREATE TABLE IF NOT EXISTS outbox_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position    bigint,
    type        text        NOT NULL,
    key         text        NOT NULL,
    data        text        NOT NULL,
    compacted   boolean     NOT NULL DEFAULT false,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE IF NOT EXISTS outbox_positions;

INSERT INTO outbox_events (position, type, key, data, compacted)
SELECT nextval('outbox_positions'),
       'relationship.changed',
       pair.user_low || ':' || pair.user_high,
       json_build_object(
           'user_low', pair.user_low,
           'user_high', pair.user_high,
           'friends', EXISTS (SELECT 1 FROM friendships f
                              WHERE f.user_low = pair.user_low AND f.user_high = pair.user_high
                                AND f.accepted_at IS NOT NULL),
           'blocked_by', coalesce((SELECT json_agg(b.blocker_id ORDER BY b.blocker_id) FROM blocks b
                                   WHERE (b.blocker_id = pair.user_low AND b.blocked_id = pair.user_high)
                                      OR (b.blocker_id = pair.user_high AND b.blocked_id = pair.user_low)),
                                  '[]'::json))::text,
       true
FROM (SELECT user_low, user_high FROM friendships WHERE accepted_at IS NOT NULL
      UNION
      SELECT least(blocker_id, blocked_id), greatest(blocker_id, blocked_id) FROM blocks) AS pair
ORDER BY pair.user_low, pair.user_high;
