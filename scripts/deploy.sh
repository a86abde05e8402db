#!/usr/bin/env bash
# Deploys one release of Parley to an environment with kubectl and kustomize, and waits until it serves:
#   1. in a copy of the overlay, sets the release's images (kustomize edit set image) and the release itself
#      (release.yaml), which names the migration Jobs (migrate-<schema>-<tag>);
#   2. kubectl apply -k: the new pods wait in their init container until their schema is migrated;
#   3. waits for the PostgreSQL cluster, then for every migration Job to complete (a failed Job stops here, and the
#      previous release keeps serving), then for every Deployment's rollout.
#
# Usage: scripts/deploy.sh dev|staging|prod TAG     deploy TAG (the commit SHA the images were built from)
#        scripts/deploy.sh render ENV TAG           print the manifests only, apply nothing
#        scripts/deploy.sh monitoring               alerting rules and dashboard, once per cluster
# Rolling back is deploying the previous tag again: scripts/deploy.sh prod <previous tag>.
# Environment: PARLEY_REGISTRY (default registry.example.com/parley), PARLEY_KUBE_CONTEXT (a kubectl context),
#   PARLEY_TIMEOUT (per wait, default 15m)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

declare -A NAMESPACE=([dev]=parley-dev [staging]=parley-staging [prod]=parley)
REGISTRY="${PARLEY_REGISTRY:-registry.example.com/parley}"
TIMEOUT="${PARLEY_TIMEOUT:-15m}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

usage() { die "usage: $0 dev|staging|prod TAG | $0 render ENV TAG | $0 monitoring"; }

kube() {
  if [ -n "${PARLEY_KUBE_CONTEXT:-}" ]; then kubectl --context "$PARLEY_KUBE_CONTEXT" "$@"; else kubectl "$@"; fi
}

check_args() {
  local env="$1" tag="$2"
  [ -n "${NAMESPACE[$env]:-}" ] || usage
  # The tag is the release, which ends the migration Jobs' names (migrate-<schema>-<tag>): a DNS label, 63 characters
  # in all.
  [[ "$tag" =~ ^[a-z0-9]([a-z0-9.-]{0,42}[a-z0-9])?$ ]] || die "invalid tag '$tag' (lower-case letters, digits, '.', '-'; at most 44)"
  if [ "$env" != dev ] && [ "$tag" = latest ]; then die "$env deploys immutable tags only, never 'latest'"; fi
}

# render ENV TAG: a copy of kubernetes/ (in $WORK) with the release and its images set; prints the overlay's folder.
render() {
  local env="$1" tag="$2" service
  command -v kustomize >/dev/null || die "kustomize is needed (v5; 'kustomize edit set image')"
  if [ "$env" = dev ]; then
    if [ "${RENDER_ONLY:-0}" = 1 ]; then scripts/dev-secrets.sh --offline >&2; else scripts/dev-secrets.sh >&2; fi
  fi
  rm -rf "$WORK/kubernetes"
  cp -r kubernetes "$WORK/"
  (
    cd "$WORK/kubernetes/overlays/$env"
    # render runs in a command substitution, where errexit is off: a failed edit must stop it by itself.
    for service in "${SERVICES[@]}"; do
      kustomize edit set image "parley/$service=$REGISTRY/$service:$tag" || exit 1
    done
    sed -i "s/^  release: .*/  release: \"$tag\"/" release.yaml
    grep -qx "  release: \"$tag\"" release.yaml || die "cannot set the release in kubernetes/overlays/$env/release.yaml"
  ) || exit 1
  echo "$WORK/kubernetes/overlays/$env"
}

require_secrets() {
  local namespace="$1" secret missing=()
  # parley-db-backup holds the backup bucket's credentials: staging and prod, the environments checked here, both
  # back their database up (components/backups).
  for secret in parley-db-account parley-db-friendship parley-db-chat account-service-secrets parley-internal \
      parley-db-backup; do
    kube -n "$namespace" get secret "$secret" >/dev/null 2>&1 || missing+=("$secret")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing Secrets in $namespace: ${missing[*]} (see docs/deployment.md, 'Secrets')"
}

# A Job's template cannot change: a finished Job of the same release is replaced, so deploying a tag again re-runs
# its migrations (a no-op when the schema is current). A Job still running is left to finish.
replace_finished_jobs() {
  local namespace="$1" tag="$2" service job active
  for service in "${SERVICES[@]}"; do
    job="migrate-${SERVICE_SCHEMA[$service]}-$tag"
    active="$(kube -n "$namespace" get job "$job" -o 'jsonpath={.status.active}' 2>/dev/null || true)"
    if kube -n "$namespace" get job "$job" >/dev/null 2>&1 && [ -z "$active" -o "$active" = 0 ]; then
      log "replacing finished Job $job"
      kube -n "$namespace" delete job "$job" --wait=true >/dev/null
    fi
  done
}

await_job() {
  local namespace="$1" job="$2" deadline=$((SECONDS + 1800)) succeeded failed
  log "waiting for migration Job $job"
  while [ $SECONDS -lt $deadline ]; do
    succeeded="$(kube -n "$namespace" get job "$job" -o 'jsonpath={.status.succeeded}' 2>/dev/null || true)"
    failed="$(kube -n "$namespace" get job "$job" -o 'jsonpath={.status.conditions[?(@.type=="Failed")].status}' 2>/dev/null || true)"
    if [ "${succeeded:-0}" -ge 1 ] 2>/dev/null; then return 0; fi
    if [ "$failed" = True ]; then
      kube -n "$namespace" logs "job/$job" --tail=50 >&2 || true
      die "migration Job $job failed: the new release does not serve, the previous one keeps serving"
    fi
    sleep 5
  done
  die "migration Job $job did not finish in 30 minutes"
}

deploy() {
  local env="$1" tag="$2" namespace="${NAMESPACE[$1]}" overlay service
  command -v kubectl >/dev/null || die "kubectl is needed"
  [ "$env" = dev ] || require_secrets "$namespace"
  overlay="$(render "$env" "$tag")"
  replace_finished_jobs "$namespace" "$tag"
  log "applying $env ($namespace) at $tag"
  kube apply -k "$overlay"
  log "waiting for PostgreSQL"
  kube -n "$namespace" wait --for=condition=Ready cluster/parley-db --timeout="$TIMEOUT"
  for service in "${SERVICES[@]}"; do await_job "$namespace" "migrate-${SERVICE_SCHEMA[$service]}-$tag"; done
  for service in "${SERVICES[@]}"; do
    kube -n "$namespace" rollout status "deployment/$service" --timeout="$TIMEOUT"
  done
  log "$env serves $tag"
}

case "${1:-}" in
  dev|staging|prod)
    [ $# -eq 2 ] || usage
    check_args "$1" "$2"
    deploy "$1" "$2"
    ;;
  render)
    [ $# -eq 3 ] || usage
    check_args "$2" "$3"
    overlay="$(RENDER_ONLY=1 render "$2" "$3")"
    kubectl kustomize "$overlay"
    ;;
  monitoring)
    kube apply -k kubernetes/monitoring
    ;;
  *) usage ;;
esac
