-- Whether others in the user's conversations may see how far the user has read. chat-service keeps the read marks
-- and can learn the setting from the account feed's read.receipts events; every account starts with receipts on.
ALTER TABLE accounts ADD COLUMN read_receipts boolean NOT NULL DEFAULT true;
