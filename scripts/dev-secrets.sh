#!/usr/bin/env bash
# Writes the development overlay's credentials (kubernetes/overlays/dev/secrets/), which are never committed:
# a database password per service role, the RSA key that signs access tokens, the verification-link secret and the
# service token of the internal ports.
#
# Values are kept once written. When a file is missing and kubectl can read the dev namespace, the value already in
# the cluster is reused, so a fresh checkout (a CI workspace, say) deploys the same credentials again instead of
# replacing them; otherwise a new random value is made.
#
# Usage: scripts/dev-secrets.sh [--offline] [DIR]   (DIR defaults to the dev overlay's secrets folder)
#   --offline   never ask the cluster (for rendering manifests without one)
# Environment: PARLEY_DEV_NAMESPACE (default parley-dev)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

offline=0
if [ "${1:-}" = --offline ]; then offline=1; shift; fi
dir="${1:-$PARLEY_ROOT/kubernetes/overlays/dev/secrets}"
namespace="${PARLEY_DEV_NAMESPACE:-parley-dev}"
command -v openssl >/dev/null || die "openssl is needed to generate development credentials"
mkdir -p "$dir"
chmod 700 "$dir"
umask 077

# from_cluster SECRET KEY: the decoded value from the dev namespace, or nothing.
from_cluster() {
  [ "$offline" = 0 ] && command -v kubectl >/dev/null || return 0
  kubectl --request-timeout=10s -n "$namespace" get secret "$1" -o "go-template={{index .data \"$2\" | base64decode}}" 2>/dev/null || true
}

for service in "${SERVICES[@]}"; do
  schema="${SERVICE_SCHEMA[$service]}"
  file="$dir/db-$schema.env"
  [ -s "$file" ] && continue
  password="$(from_cluster "parley-db-$schema" password)"
  [ -n "$password" ] || password="$(openssl rand -hex 24)"
  printf 'username=parley_%s\npassword=%s\n' "$schema" "$password" > "$file"
done

if [ ! -s "$dir/jwt-private.pem" ]; then
  key="$(from_cluster account-service-secrets jwt-private.pem)"
  if [ -n "$key" ]; then
    printf '%s\n' "$key" > "$dir/jwt-private.pem"
  else
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
  fi
fi

if [ ! -s "$dir/verification-secret" ]; then
  secret="$(from_cluster account-service-secrets verification-secret)"
  [ -n "$secret" ] || secret="$(openssl rand -hex 32)"
  printf '%s' "$secret" > "$dir/verification-secret"
fi

if [ ! -s "$dir/internal-token" ]; then
  secret="$(from_cluster parley-internal token)"
  [ -n "$secret" ] || secret="$(openssl rand -hex 32)"
  printf '%s' "$secret" > "$dir/internal-token"
fi
log "development credentials are in $dir"
