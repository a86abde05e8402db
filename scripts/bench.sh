#!/usr/bin/env bash
# Message throughput benchmark: chat-service over HTTP versus pgbench doing the same writes, in one run, against a
# fresh database. Usage: scripts/bench.sh [-Dsenders=32 -Dconversations=256 -Dseconds=30 -Dwarmup=5]
# Figures and how to read them: docs/benchmarks.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

choose_jdk
ensure_postgres_running
ensure_role parley_bench parley_bench
psql_admin -c 'DROP DATABASE IF EXISTS parley_bench'
ensure_database parley_bench parley_bench

if [ "${PARLEY_SKIP_BUILD:-0}" != 1 ]; then
  log "building chat-service and the load generator"
  ./mvnw -B -q -ntp package -DskipTests -pl common,chat-service,benchmark -am
fi

log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1)"
exec java -Ddb.host="$PG_HOST" -Ddb.port="$PG_PORT" "$@" \
  -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" dev.parley.benchmark.MessageLoad
