#!/usr/bin/env bash
# Message benchmarks against the real services, started from their packaged jars, each in one run against a fresh
# database parley_bench:
#   scripts/bench.sh [send]    32 senders into 256 direct conversations between friends through one chat-service
#                              replica: throughput and latency, database check, pgbench doing the same writes, ratio
#   scripts/bench.sh delivery  the same load through two replicas with every recipient on /v1/stream: latency from
#                              the sender's 2xx to the frame, and every socket checked for missing, duplicated and
#                              out-of-order messages
#   scripts/bench.sh crash     delivery, with one replica killed (kill -9) halfway through the measured period
#   scripts/bench.sh push      send, each recipient with an FCM device: one push per message to an FCM stand-in in
#                              the load generator; latency from the sender's 2xx to the push, none missing or twice
#   scripts/bench.sh search    message search by a user in 50 conversations over 1,000,000 messages in 10,000
#                              (written by SQL), per kind of query: latency through the API and of the same SQL
# Options after the mode: -Dsenders=32 -Dconversations=256 -Dwarmup=20 -Dseconds=30 -Ddrain=10; for search
# -Dsearch.conversations=10000 -Dsearch.messages=1000000 -Dsearch.memberships=50 -Dsearch.requests=200
# -Dsearch.warmup=20.
# PARLEY_SKIP_BUILD=1 reuses the last build. Method and figures: docs/benchmarks.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

mode=send
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  mode="$1"
  shift
fi
case "$mode" in
  send|delivery|crash|push|search) ;;
  *) die "unknown benchmark '$mode': send (the default), delivery, crash, push or search" ;;
esac

choose_jdk
ensure_postgres_running
psql_admin -c 'DROP DATABASE IF EXISTS parley_bench WITH (FORCE)'
"$PARLEY_ROOT/scripts/prepare-database.sh" parley_bench

if [ "${PARLEY_SKIP_BUILD:-0}" != 1 ]; then
  log "building the services and the load generator"
  ./mvnw -B -q -ntp package -DskipTests -pl account-service,friendship-service,chat-service,benchmark -am
fi

log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1)"
exec java -Ddb.host="$PG_HOST" -Ddb.port="$PG_PORT" "$@" \
  -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" dev.parley.benchmark.Bench "$mode"
