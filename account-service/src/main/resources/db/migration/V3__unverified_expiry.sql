-- Unverified accounts expire with their verification link and are purged by creation time.
CREATE INDEX accounts_unverified_created ON accounts (created_at) WHERE NOT verified;
