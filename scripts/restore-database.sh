#!/usr/bin/env bash
# Points an environment's overlay at its backups, so that the next deploy creates the PostgreSQL cluster parley-db
# from them (docs/operations.md, "Restoring"): writes kubernetes/overlays/ENV/patches/database-restore.yaml, which
#   - bootstraps the cluster by recovery from the archive it writes to now (the Barman Cloud plugin's serverName),
#     up to TIME if given, else to the end of the archive;
#   - makes the new cluster archive under a new server name, parley-db-r<UTC time>, never among the old WAL;
# and lists it among the overlay's patches. Applies nothing: commit the change, delete the old cluster, deploy.
# Bootstrap settings only matter when a cluster is created, so the file stays for later deploys.
#
# Usage: scripts/restore-database.sh staging|prod [--to TIME]   TIME in RFC 3339 UTC, e.g. 2026-12-06T08:59:00Z
# Environment: PARLEY_KUBERNETES (default: the checkout's kubernetes/ folder)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PLUGIN=barman-cloud.cloudnative-pg.io
STORE=parley-db-backups

usage() { die "usage: $0 staging|prod [--to YYYY-MM-DDTHH:MM:SSZ]"; }

env="${1:-}"
case "$env" in
  staging|prod) ;;
  dev) die "dev has no backups (kubernetes/components/backups is in staging and prod only)" ;;
  *) usage ;;
esac
shift
target=""
while [ $# -gt 0 ]; do
  case "$1" in
    --to)
      [ $# -ge 2 ] || usage
      target="$2"
      shift 2
      ;;
    *) usage ;;
  esac
done
if [ -n "$target" ]; then
  [[ "$target" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$ ]] \
    || die "invalid time '$target': RFC 3339 in UTC, e.g. 2026-12-06T08:59:00Z"
  date -u -d "${target%Z}" >/dev/null 2>&1 || die "invalid time '$target': no such date"
  [ "$(date -u -d "${target%Z}" +%s)" -le "$(date -u +%s)" ] || die "$target is in the future"
fi

overlay="${PARLEY_KUBERNETES:-$PARLEY_ROOT/kubernetes}/overlays/$env"
patch="$overlay/patches/database-restore.yaml"
[ -f "$overlay/kustomization.yaml" ] || die "no overlay at $overlay"

# The server name the cluster archives under now: the last restore's, or the component's own.
origin="parley-db"
if [ -f "$patch" ]; then
  origin="$(sed -n 's/^ *serverName: *\([a-z0-9-]*\) *# archives as$/\1/p' "$patch")"
  [ -n "$origin" ] || die "cannot read the current server name from $patch"
fi
archive_as="parley-db-r$(date -u +%Y%m%dt%H%M%S)"
if [ -n "$target" ]; then
  recovery_target="      recoveryTarget:
        targetTime: \"$target\""
  upto="up to $target"
else
  recovery_target=""
  upto="(to the end of its archive)"
fi

cat > "$patch" <<EOF
# Written by scripts/restore-database.sh: parley-db is created from archive $origin $upto,
# and archives as $archive_as. Only read when the cluster is created (docs/operations.md, "Restoring").
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: parley-db
spec:
  bootstrap:
    initdb: null
    recovery:
      source: parley-db-archive
$recovery_target
  externalClusters:
    - name: parley-db-archive
      plugin:
        name: $PLUGIN
        parameters:
          barmanObjectName: $STORE
          serverName: $origin # restored from
  plugins:
    - name: $PLUGIN
      isWALArchiver: true
      parameters:
        barmanObjectName: $STORE
        serverName: $archive_as # archives as
EOF
sed -i '/^$/d' "$patch"

if ! grep -q 'path: patches/database-restore.yaml' "$overlay/kustomization.yaml"; then
  grep -q '^patches:$' "$overlay/kustomization.yaml" || die "$overlay/kustomization.yaml has no patches list"
  sed -i 's|^patches:$|patches:\n  - path: patches/database-restore.yaml|' "$overlay/kustomization.yaml"
fi

log "$env: parley-db will be restored from archive $origin $upto and archive as $archive_as"
log "wrote ${patch#"$PARLEY_ROOT"/}; commit it, then deploy"
