#!/usr/bin/env bash
# docker-compose's PostgreSQL: on the first start of an empty volume, the database "parley" and, per service, a
# login role owning that service's schema, with the extensions its migrations need there, as on Kubernetes
# (kubernetes/base/database). Passwords come from the environment (PARLEY_DB_PASSWORD_ACCOUNT, _FRIENDSHIP, _CHAT).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE parley_app NOLOGIN;
CREATE DATABASE parley;
REVOKE ALL ON DATABASE parley FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE parley TO parley_app;
SQL

for schema in account friendship chat; do
  var="PARLEY_DB_PASSWORD_${schema^^}"
  password="${!var:?$var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname parley \
    -v role="parley_$schema" -v schema="$schema" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE parley_app', :'role', :'password') \gexec
SELECT format('CREATE SCHEMA %I AUTHORIZATION %I', :'schema', :'role') \gexec
SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname parley -c 'REVOKE ALL ON SCHEMA public FROM PUBLIC'
# chat-service's migrations need pg_trgm in its schema, and its role may not create extensions.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname parley -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA chat'
