#!/usr/bin/env bash
# Runs every test of every module against the local PostgreSQL (started and prepared here if needed), the client
# kit's tests (the SDK's, and the web client's in Chromium against the real services), then Quarkus's native build
# steps for every service.
# Usage: scripts/test.sh [extra Maven arguments]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

choose_jdk
ensure_postgres_running

export PG_TEST_HOST="$PG_HOST" PG_TEST_PORT="$PG_PORT"
export PG_TEST_USER="${PG_TEST_USER:-parley_test}" PG_TEST_PASSWORD="${PG_TEST_PASSWORD:-parley_test}"
ensure_role "$PG_TEST_USER" "$PG_TEST_PASSWORD"
ensure_database parley_test "$PG_TEST_USER"
# account-service's packaged production processes get their own database: their mail senders must not take the
# outbox of the integration test running beside them.
ensure_database parley_test_production "$PG_TEST_USER"

"$PARLEY_ROOT/scripts/install-deploy-tools.sh"

log "running tests with $(java -version 2>&1 | head -n 1)"
./mvnw -B -ntp verify "$@"

# The SDK's tests and the browser tests, on the services just packaged.
scripts/test-clients.sh

# Quarkus's native build steps for every service (no GraalVM here): after the tests, since it rewrites target/.
# PARLEY_SKIP_NATIVE=1 leaves them out while iterating on one module.
if [ "${PARLEY_SKIP_NATIVE:-0}" != 1 ]; then
  scripts/native-sources.sh -q
fi
