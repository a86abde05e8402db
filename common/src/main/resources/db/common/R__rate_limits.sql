-- Rate limits that hold across replicas (common's RateLimiter): per key, the times of the hits still inside its
-- window, oldest first. Rows expire with their window and are purged.
CREATE TABLE IF NOT EXISTS rate_limits (
    key        text        PRIMARY KEY,
    hits       timestamptz[] NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limits_expiry ON rate_limits (expires_at);
