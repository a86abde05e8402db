-- Message search (GET /v1/search/messages): a part of a body, in any script, in either letter case. Bodies and queries
-- are lower-cased under ICU's root collation, so letters of every alphabet fold alike whatever the database's own
-- locale (a cluster made with the C locale folds ASCII only), then matched with LIKE.

-- pg_trgm is a trusted extension: a role that may create objects in the database (the tests' owner) creates it here.
-- Where chat's role may not, the administrator creates it in this schema beforehand (scripts/lib.sh's
-- ensure_extension, deploy/postgres/init-parley.sh, the CloudNativePG Database), and this statement does nothing.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Trigrams find queries of three characters or more without reading every message of a user's conversations; a
-- query of two (common in Chinese and Japanese) has no trigram and reads the caller's conversations instead.
-- Deleted messages are never found, so they are left out.
CREATE INDEX messages_body_trgm ON messages USING gin (lower(body COLLATE "und-x-icu") gin_trgm_ops)
    WHERE deleted_at IS NULL;
