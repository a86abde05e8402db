-- Whether others may see the user's presence (online, typing). chat-service owns presence and learns the setting
-- from the account feed's presence.visibility events; every account starts visible.
ALTER TABLE accounts ADD COLUMN presence_visible boolean NOT NULL DEFAULT true;
