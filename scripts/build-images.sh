#!/usr/bin/env bash
# Builds the services' container images from this checkout (each Dockerfile compiles its service in a first stage),
# and pushes them when asked. Uses `docker build` (BuildKit) where a Docker engine runs, otherwise BuildKit's
# buildctl (as in the Jenkins pipeline's image-build pod).
#
# Usage: scripts/build-images.sh [--jvm] [--push] TAG [SERVICE...]
#   TAG       the image tag: the commit SHA in the pipeline (git rev-parse HEAD)
#   --jvm     build Dockerfile.jvm (tag TAG-jvm) instead of the native image
#   --push    push every image after building it
# Environment: PARLEY_REGISTRY (default registry.example.com/parley): images are $PARLEY_REGISTRY/<service>:TAG
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

flavor=native push=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jvm) flavor=jvm; shift ;;
    --push) push=1; shift ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || die "usage: $0 [--jvm] [--push] TAG [SERVICE...]"
tag="$1"; shift
[[ "$tag" =~ ^[a-z0-9]([a-z0-9.-]{0,38}[a-z0-9])?$ ]] || die "invalid tag '$tag' (lower-case letters, digits, '.', '-')"
[ "$tag" != latest ] || die "images are tagged immutably (the commit SHA), never 'latest'"
services=("$@")
[ ${#services[@]} -gt 0 ] || services=("${SERVICES[@]}")
registry="${PARLEY_REGISTRY:-registry.example.com/parley}"
[[ "$registry" != *:* ]] || die "PARLEY_REGISTRY must not contain ':' (the overlays read the tag after the image's ':')"
[ "$flavor" = jvm ] && tag="$tag-jvm"

build() {
  local service="$1" image="$2" dockerfile="$service/src/main/docker/Dockerfile.$flavor"
  [ -f "$dockerfile" ] || die "no $dockerfile"
  log "building $image from $dockerfile"
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    DOCKER_BUILDKIT=1 docker build -f "$dockerfile" -t "$image" .
    if [ "$push" = 1 ]; then docker push "$image"; fi
  elif command -v buildctl-daemonless.sh >/dev/null || command -v buildctl >/dev/null; then
    local buildctl=buildctl
    command -v buildctl-daemonless.sh >/dev/null && buildctl=buildctl-daemonless.sh
    "$buildctl" build --frontend dockerfile.v0 \
      --local context=. --local dockerfile="$(dirname "$dockerfile")" \
      --opt filename="$(basename "$dockerfile")" \
      --output "type=image,name=$image,push=$([ "$push" = 1 ] && echo true || echo false)"
  else
    die "no container engine: needs a running Docker engine or BuildKit (buildctl)"
  fi
}

for service in "${services[@]}"; do
  case " ${SERVICES[*]} " in *" $service "*) ;; *) die "unknown service $service" ;; esac
  build "$service" "$registry/$service:$tag"
done
log "built ${services[*]} as $registry/<service>:$tag"
