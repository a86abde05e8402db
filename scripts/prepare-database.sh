#!/usr/bin/env bash
# Makes sure PostgreSQL runs and holds the database, one least-privilege role per service (password = role name,
# for local use only), one schema per service owned by its role, and the extensions its migrations need there.
# Idempotent.
# Usage: scripts/prepare-database.sh [DATABASE]   (default: parley)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

db="${1:-parley}"
ensure_postgres_running
ensure_database "$db" "$PG_ADMIN_USER"
for service in "${SERVICES[@]}"; do
  schema="${SERVICE_SCHEMA[$service]}"
  ensure_role "parley_$schema" "parley_$schema"
  ensure_schema "$db" "$schema" "parley_$schema"
  for extension in ${SERVICE_EXTENSIONS[$service]}; do
    ensure_extension "$db" "$extension" "$schema"
  done
done
