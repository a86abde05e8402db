#!/usr/bin/env bash
# Renders Parley's reverse proxy configuration (deploy/nginx/parley.conf.template) for running nginx on this
# machine in front of the services, with the same routes as the Kubernetes Ingress.
#
# Usage: scripts/render-proxy-config.sh [--check] DIR
#   writes DIR/nginx.conf and DIR/parley.conf; then run: nginx -p DIR -c DIR/nginx.conf
#   --check   also runs nginx -t on the result
# Environment (defaults in brackets): PROXY_LISTEN [127.0.0.1:8080],
#   UPSTREAM_ACCOUNT_SERVICE, UPSTREAM_FRIENDSHIP_SERVICE, UPSTREAM_CHAT_SERVICE [127.0.0.1, the service's port in
#   scripts/lib.sh; never its internal port, which is refused], PROXY_RESOLVER [the first nameserver of /etc/resolv.conf, else 127.0.0.1],
#   PROXY_RATE_LIMIT [100r/s] and PROXY_RATE_BURST [400]: requests per client address before 429,
#   PROXY_WEB_ROOT [clients/web/dist]: the web client's built files, served at / (linked as DIR/web)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
[ $# -eq 1 ] || die "usage: $0 [--check] DIR"
dir="$1"
command -v envsubst >/dev/null || die "envsubst is needed (Debian package gettext-base)"

export PROXY_LISTEN="${PROXY_LISTEN:-127.0.0.1:8080}"
export PROXY_RATE_LIMIT="${PROXY_RATE_LIMIT:-100r/s}" PROXY_RATE_BURST="${PROXY_RATE_BURST:-400}"
upstreams=()
for service in "${SERVICES[@]}"; do
  upstream="UPSTREAM_${service^^}"
  upstream="${upstream//-/_}"
  export "$upstream=${!upstream:-127.0.0.1:${SERVICE_PORT[$service]}}"
  upstreams+=("\${$upstream}")
  # The services' internal ports (event feeds, data exports) are for each other only: never behind the proxy.
  for other in "${SERVICES[@]}"; do
    case "${!upstream}" in
      *:"${SERVICE_INTERNAL_PORT[$other]}") die "$upstream=${!upstream} is $other's internal port, which is never proxied" ;;
    esac
  done
done
if [ -z "${PROXY_RESOLVER:-}" ]; then
  PROXY_RESOLVER="$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf 2>/dev/null || true)"
  case "$PROXY_RESOLVER" in *:*) PROXY_RESOLVER="[$PROXY_RESOLVER]" ;; esac
fi
export PROXY_RESOLVER="${PROXY_RESOLVER:-127.0.0.1}"

mkdir -p "$dir/temp"
# The web client, served at /: linked under nginx's prefix (the configuration names it as the relative root "web").
web_root="${PROXY_WEB_ROOT:-$PARLEY_ROOT/clients/web/dist}"
ln -sfn "$web_root" "$dir/web"
if [ ! -f "$web_root/index.html" ]; then
  log "no web client at $web_root (build it: cd clients/web && npm ci && npm run build); / answers 404 until then"
fi
# Only these variables: nginx's own ($host, $http_upgrade, ...) stay as they are.
envsubst "\${PROXY_LISTEN} \${PROXY_RESOLVER} \${PROXY_RATE_LIMIT} \${PROXY_RATE_BURST} ${upstreams[*]}" \
  < "$PARLEY_ROOT/deploy/nginx/parley.conf.template" > "$dir/parley.conf"
cp "$PARLEY_ROOT/deploy/nginx/nginx.conf" "$dir/nginx.conf"

if [ "$check" = 1 ]; then
  command -v nginx >/dev/null || die "nginx is not installed (scripts/install-deploy-tools.sh installs it)"
  nginx -q -t -p "$dir" -c "$dir/nginx.conf"
fi
log "proxy configuration written to $dir (nginx -p $dir -c $dir/nginx.conf)"
