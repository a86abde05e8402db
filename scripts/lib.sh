#!/usr/bin/env bash
# Shared by Parley's scripts: the services, JDK choice and PostgreSQL set-up. Sourced, never run.

PARLEY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PARLEY_ROOT

PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_ADMIN_USER="${PG_ADMIN_USER:-postgres}"

# The services, with the HTTP port each listens on locally and the database schema it owns (its login role is
# parley_<schema>). Every script takes them from here.
SERVICES=(account-service friendship-service chat-service)
declare -gA SERVICE_PORT=([account-service]=8081 [friendship-service]=8082 [chat-service]=8083)
declare -gA SERVICE_SCHEMA=([account-service]=account [friendship-service]=friendship [chat-service]=chat)
# The internal port each service serves the other services on (its event feed and its part of a user's data
# export, with the shared service token; never behind the proxy or the Ingress), and what each reads there: the
# services whose event feeds it follows, and those it gathers a user's data export from.
declare -gA SERVICE_INTERNAL_PORT=([account-service]=9081 [friendship-service]=9082 [chat-service]=9083)
declare -gA SERVICE_FOLLOWS=([account-service]="" [friendship-service]="account-service"
                             [chat-service]="account-service friendship-service")
declare -gA SERVICE_EXPORTS_FROM=([account-service]="friendship-service chat-service" [friendship-service]=""
                                  [chat-service]="")
# The PostgreSQL extensions a service's migrations need in its schema, which its own role may not create: the
# administrator creates them with the schema (ensure_extension), as deploy/postgres and the CloudNativePG Database do.
declare -gA SERVICE_EXTENSIONS=([account-service]="" [friendship-service]="" [chat-service]="pg_trgm")

export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"

# source_name SERVICE: the name a feed or export source goes by in settings (account-service: ACCOUNT, as in
# PARLEY_EVENTS_SOURCES_ACCOUNT_URL).
source_name() { local name="${1%-service}"; echo "${name^^}"; }

log() { printf '[parley] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Picks a JDK 21+ (Temurin 25 preferred) unless JAVA_HOME already points at one.
choose_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* \
                   /usr/lib/jvm/java-25-* /usr/lib/jvm/temurin-21* /usr/lib/jvm/java-21-*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 21 or newer found (install Temurin 25 or OpenJDK 21, or set JAVA_HOME)"
}

# psql as the cluster's administrator: over TCP when trusted, otherwise as the postgres OS user.
psql_admin() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN_USER" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN_USER" -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
  elif [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
  else
    die "cannot reach PostgreSQL at $PG_HOST:$PG_PORT as $PG_ADMIN_USER (set PG_ADMIN_USER or trust local connections)"
  fi
}

# Starts the local cluster when it is down (only for a server on this machine).
ensure_postgres_running() {
  if pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    return 0
  fi
  case "$PG_HOST" in
    127.0.0.1|localhost|::1) ;;
    *) die "PostgreSQL at $PG_HOST:$PG_PORT is not answering" ;;
  esac
  command -v pg_ctlcluster >/dev/null || die "PostgreSQL is not running and pg_ctlcluster is not installed"
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || die "no PostgreSQL cluster found under /etc/postgresql"
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || die "could not start PostgreSQL"
  for _ in $(seq 1 30); do
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && return 0
    sleep 1
  done
  die "PostgreSQL did not become ready"
}

# ensure_role NAME PASSWORD: a login role, created once, password kept in step.
ensure_role() {
  psql_admin -v name="$1" -v pw="$2" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'name', :'pw') \gexec
SQL
}

# ensure_database NAME OWNER
ensure_database() {
  psql_admin -v name="$1" -v owner="$2" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SQL
}

# ensure_schema DATABASE SCHEMA OWNER: a schema only its service's role may use.
ensure_schema() {
  psql_admin -d "$1" -v schema="$2" -v owner="$3" <<'SQL'
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', :'schema', :'owner') \gexec
SELECT format('ALTER SCHEMA %I OWNER TO %I', :'schema', :'owner') \gexec
SELECT format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', :'schema') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
}

# ensure_extension DATABASE EXTENSION SCHEMA: the extension, its objects in the schema (moved there if it was made
# elsewhere), so the schema's owner finds them without rights on any other schema.
ensure_extension() {
  psql_admin -d "$1" -v extension="$2" -v schema="$3" <<'SQL'
SELECT format('CREATE EXTENSION IF NOT EXISTS %I SCHEMA %I', :'extension', :'schema') \gexec
SELECT format('ALTER EXTENSION %I SET SCHEMA %I', :'extension', :'schema')
  FROM pg_extension WHERE extname = :'extension' AND extnamespace <> to_regnamespace(:'schema') \gexec
SQL
}

# The client kit (clients/typescript, the SDK, and clients/web, the app the proxy serves at /): installs their
# locked npm dependencies and builds them. Needs Node.js 20.19 or newer with npm.
build_clients() {
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js 20.19+ and npm are needed for the web client (clients/)"
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    || die "Node.js $(node --version) is too old for the web client: 20.19 or newer is needed"
  local client
  for client in typescript web; do
    log "building clients/$client"
    (cd "$PARLEY_ROOT/clients/$client" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) \
      || die "building clients/$client failed"
  done
}
