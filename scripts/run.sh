#!/usr/bin/env bash
# Runs the whole Parley product on this machine behind one front door: makes sure PostgreSQL is up with the
# database, roles and schemas, builds the services and the web client, runs each service's migrations (migrate and exit, as in
# production), starts the services from their packaged artifacts and nginx on 127.0.0.1:8080 with the Ingress's
# routes, and prints the URLs. The services reach each other's internal ports (event feeds, data exports) directly,
# with a service token made for the run; the proxy never routes to them. Ctrl-C stops everything. Safe to run
# again: data and keys are kept.
#
# Environment: PG_HOST/PG_PORT/PG_ADMIN_USER (PostgreSQL), PARLEY_SKIP_BUILD=1 (reuse the last build), and any
# QUARKUS_* / PARLEY_* setting, which reaches every service (e.g. QUARKUS_MAILER_HOST, PARLEY_REGISTRATION_WHITELIST).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

STATE_DIR="$PARLEY_ROOT/.var"
LOG_DIR="$STATE_DIR/logs"
PROXY_DIR="$STATE_DIR/proxy"
FRONT_DOOR_PORT=8080
SECRETS_DIR="$STATE_DIR/secrets"
DB_NAME="${PARLEY_DB_NAME:-parley}"
mkdir -p "$LOG_DIR" "$SECRETS_DIR"
chmod 700 "$SECRETS_DIR"

PIDS=()

stop_all() {
  trap - INT TERM EXIT
  if [ "${#PIDS[@]}" -gt 0 ]; then
    log "stopping services"
    kill -TERM "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Development keys, made once and kept, so tokens and links survive a restart. Production takes them from Secrets.
prepare_secrets() {
  if [ ! -s "$SECRETS_DIR/jwt-private.pem" ]; then
    log "generating a development RSA key for access tokens"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$SECRETS_DIR/jwt-private.pem" 2>/dev/null
  fi
  if [ ! -s "$SECRETS_DIR/verification-secret" ]; then
    openssl rand -hex 32 > "$SECRETS_DIR/verification-secret"
  fi
  # Signs the built-in attachment store's URLs (chat-service), so links to files survive a restart.
  if [ ! -s "$SECRETS_DIR/storage-signing-key" ]; then
    openssl rand -hex 32 > "$SECRETS_DIR/storage-signing-key"
  fi
  # The service token of the internal ports: a new one for every run (nothing outlives a run that holds it), kept
  # here for a developer who calls an internal port by hand. PARLEY_INTERNAL_TOKEN, when set, is used instead.
  if [ -z "${PARLEY_INTERNAL_TOKEN:-}" ]; then
    openssl rand -hex 32 > "$SECRETS_DIR/internal-token"
  fi
  chmod 600 "$SECRETS_DIR"/*
  export PARLEY_JWT_PRIVATE_KEY_LOCATION="${PARLEY_JWT_PRIVATE_KEY_LOCATION:-$SECRETS_DIR/jwt-private.pem}"
  export PARLEY_VERIFICATION_SECRET="${PARLEY_VERIFICATION_SECRET:-$(cat "$SECRETS_DIR/verification-secret")}"
  export PARLEY_INTERNAL_TOKEN="${PARLEY_INTERNAL_TOKEN:-$(cat "$SECRETS_DIR/internal-token")}"
  export PARLEY_STORAGE_LOCAL_SIGNING_KEY="${PARLEY_STORAGE_LOCAL_SIGNING_KEY:-$(cat "$SECRETS_DIR/storage-signing-key")}"
}

prepare_database() {
  "$PARLEY_ROOT/scripts/prepare-database.sh" "$DB_NAME"
}

# internal_url SERVICE: where the other services reach SERVICE's internal port on this machine.
internal_url() { echo "http://127.0.0.1:${SERVICE_INTERNAL_PORT[$1]}"; }

# service_env SERVICE: the service's database and port settings, and where it finds the feeds it follows and the
# exports it gathers (the others' internal ports), as env assignments in SERVICE_ENV. The service token reaches
# every service from the environment (prepare_secrets).
service_env() {
  local role="parley_${SERVICE_SCHEMA[$1]}" source
  SERVICE_ENV=(
    "QUARKUS_HTTP_PORT=${SERVICE_PORT[$1]}"
    "PARLEY_INTERNAL_PORT=${SERVICE_INTERNAL_PORT[$1]}"
    # Only the other services on this machine call it: never listen beyond loopback.
    "PARLEY_INTERNAL_HOST=127.0.0.1"
    "QUARKUS_DATASOURCE_USERNAME=$role" "QUARKUS_DATASOURCE_PASSWORD=$role"
    "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PG_HOST:$PG_PORT/$DB_NAME"
    "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME"
    # Logs in .var/logs are for people here: plain text unless asked otherwise (production logs JSON).
    "QUARKUS_LOG_CONSOLE_JSON_ENABLED=${QUARKUS_LOG_CONSOLE_JSON_ENABLED:-false}"
    # API documentation for the developer at this machine; production serves none unless asked.
    "QUARKUS_SMALLRYE_OPENAPI_ENABLE=${QUARKUS_SMALLRYE_OPENAPI_ENABLE:-true}"
    "QUARKUS_SWAGGER_UI_ENABLE=${QUARKUS_SWAGGER_UI_ENABLE:-true}"
  )
  for source in ${SERVICE_FOLLOWS[$1]}; do
    SERVICE_ENV+=("PARLEY_EVENTS_SOURCES_$(source_name "$source")_URL=$(internal_url "$source")")
  done
  for source in ${SERVICE_EXPORTS_FROM[$1]}; do
    SERVICE_ENV+=("PARLEY_EXPORT_SOURCES_$(source_name "$source")_URL=$(internal_url "$source")")
  done
}

start_proxy() {
  PROXY_LISTEN="127.0.0.1:$FRONT_DOOR_PORT" "$PARLEY_ROOT/scripts/render-proxy-config.sh" --check "$PROXY_DIR" \
    2>>"$LOG_DIR/proxy.log" || die "cannot configure the proxy; see $LOG_DIR/proxy.log"
  nginx -p "$PROXY_DIR" -c "$PROXY_DIR/nginx.conf" -g 'daemon off;' >>"$LOG_DIR/proxy.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 50); do
    port_in_use "$FRONT_DOOR_PORT" && return 0
    sleep 0.1
  done
  die "the proxy did not start; see $LOG_DIR/proxy.log"
}

jar_of() { echo "$PARLEY_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

migrate() {
  local service="$1"
  log "migrating schema ${SERVICE_SCHEMA[$service]}"
  service_env "$service"
  env "${SERVICE_ENV[@]}" QUARKUS_INIT_AND_EXIT=true QUARKUS_FLYWAY_MIGRATE_AT_START=true java -jar "$(jar_of "$service")" >>"$LOG_DIR/$service-migrate.log" 2>&1 \
    || die "migration of $service failed; see $LOG_DIR/$service-migrate.log"
}

start() {
  local service="$1"
  service_env "$service"
  # env execs java, so the recorded PID is the JVM's own and SIGTERM reaches it.
  env "${SERVICE_ENV[@]}" java -jar "$(jar_of "$service")" >>"$LOG_DIR/$service.log" 2>&1 &
  PIDS+=("$!")
}

await_ready() {
  local service="$1" port="${SERVICE_PORT[$1]}"
  for _ in $(seq 1 90); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  die "$service did not become ready; see $LOG_DIR/$service.log"
}

configure_mail() {
  local host="${QUARKUS_MAILER_HOST:-127.0.0.1}" port="${QUARKUS_MAILER_PORT:-1025}"
  export QUARKUS_MAILER_HOST="$host" QUARKUS_MAILER_PORT="$port"
  # A local mail catcher (Mailpit, MailHog) on 1025 speaks plain SMTP; production requires STARTTLS.
  if [ "$port" = 1025 ]; then
    export QUARKUS_MAILER_START_TLS="${QUARKUS_MAILER_START_TLS:-DISABLED}"
  fi
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    MAIL_NOTE="mail goes to SMTP $host:$port"
  else
    export QUARKUS_MAILER_MOCK=true
    MAIL_NOTE="no SMTP server at $host:$port: mails (verification links) are written to $LOG_DIR/account-service.log"
  fi
}

main() {
  choose_jdk
  local service port internal=()
  for service in "${SERVICES[@]}"; do
    for port in "${SERVICE_PORT[$service]}" "${SERVICE_INTERNAL_PORT[$service]}"; do
      port_in_use "$port" && die "port $port ($service) is already in use; is Parley already running?"
    done
  done
  port_in_use "$FRONT_DOOR_PORT" && die "port $FRONT_DOOR_PORT (the front door) is already in use"
  command -v nginx >/dev/null && command -v envsubst >/dev/null || "$PARLEY_ROOT/scripts/install-deploy-tools.sh"
  export PARLEY_PUBLIC_URL="${PARLEY_PUBLIC_URL:-http://localhost:$FRONT_DOOR_PORT}"
  prepare_database
  prepare_secrets
  configure_mail
  if [ "${PARLEY_SKIP_BUILD:-0}" != 1 ]; then
    log "building (PARLEY_SKIP_BUILD=1 skips this)"
    ./mvnw -B -q -ntp package -DskipTests
    build_clients
  fi
  for service in "${SERVICES[@]}"; do migrate "$service"; done
  for service in "${SERVICES[@]}"; do start "$service"; done
  for service in "${SERVICES[@]}"; do await_ready "$service"; done
  start_proxy

  echo
  echo "Parley is running at http://localhost:$FRONT_DOOR_PORT: the web client at /, the API under /v1, WebSocket /v1/stream. Logs: $LOG_DIR"
  for service in "${SERVICES[@]}"; do
    printf '  %-20s http://localhost:%s/q/swagger-ui   metrics http://localhost:%s/q/metrics\n' \
      "$service" "${SERVICE_PORT[$service]}" "${SERVICE_PORT[$service]}"
  done
  for service in "${SERVICES[@]}"; do internal+=("${SERVICE_INTERNAL_PORT[$service]}"); done
  echo "  internal ports ${internal[*]}: the services' feeds and exports, for each other only (PARLEY_INTERNAL_TOKEN)"
  echo "  $MAIL_NOTE"
  echo "Press Ctrl-C to stop."
  wait -n "${PIDS[@]}" || true
  log "a service exited; stopping the rest"
}

main "$@"
