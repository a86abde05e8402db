-- Delivery marks beside read marks, and who keeps their receipts to themselves.

-- The seq of the newest message a member's devices have received; never behind the read mark.
ALTER TABLE members ADD COLUMN last_delivered_seq bigint NOT NULL DEFAULT 0;
UPDATE members SET last_delivered_seq = last_read_seq;

-- Users whose profile has read_receipts false (account-service's read.receipts events): others see null for their
-- marks, and they see null for everyone else's.
CREATE TABLE receipts_hidden (
    user_id bigint PRIMARY KEY
);

-- The transaction that last changed a membership (its role or marks): sync returns a conversation whose members' marks
-- moved, with those marks, without read marks taking the conversation's row lock. Not indexed: sync reads it among a
-- conversation's members (at most 500), and every send moves its sender's mark, which stays a cheap in-place update
-- while no index covers the column.
ALTER TABLE members ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE TRIGGER members_changed BEFORE UPDATE ON members
    FOR EACH ROW EXECUTE FUNCTION stamp_changed_xid();
