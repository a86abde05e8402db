-- Failed logins are counted by common's RateLimiter in rate_limits (per email and client address, and per email).
DROP TABLE failed_logins;
