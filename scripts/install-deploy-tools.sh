#!/usr/bin/env bash
# Installs the tools the deployment and end-to-end tests run, from Debian's packages, when missing:
# docker-compose (validates docker-compose.yml), nginx (checks the proxy configuration), promtool (package
# prometheus: checks the Prometheus configuration, alert rules and dashboard queries), envsubst, openssl, and the
# Barman Cloud tools (package barman-cli-cloud: the backup drill archives, backs up and restores with them, as
# CloudNativePG's Barman Cloud plugin does), and Chromium with an emoji font (the web client's browser tests).
# kubectl (with its built-in kustomize) is not in Debian: it must already be installed.
# Daemons that the packages would start are not started. Needs root (or sudo).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

declare -A PACKAGE=([docker-compose]=docker-compose [nginx]=nginx [promtool]=prometheus [envsubst]=gettext-base [openssl]=openssl [barman-cloud-backup]=barman-cli-cloud [chromium]="chromium fonts-noto-color-emoji")
missing=()
for tool in "${!PACKAGE[@]}"; do
  # shellcheck disable=SC2206 # a tool may need several packages (Chromium, and a font for emoji in its screenshots)
  command -v "$tool" >/dev/null || missing+=(${PACKAGE[$tool]})
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "installing ${missing[*]} needs root"
    sudo=sudo
  fi
  log "installing ${missing[*]}"
  # Keep the packages' services (nginx, prometheus) from starting: only the tools are wanted.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    own_policy=1
  fi
  cleanup() { if [ "$own_policy" = 1 ]; then $sudo rm -f "$policy"; fi; }
  trap cleanup EXIT
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v kubectl >/dev/null || die "kubectl is not installed (it is not a Debian package: see docs/deployment.md)"
log "deployment test tools: $(docker-compose version --short), $(nginx -v 2>&1), $(promtool --version 2>&1 | head -n 1), $(barman-cloud-backup --version 2>&1), $(chromium --version 2>/dev/null), kubectl $(kubectl version --client -o json 2>/dev/null | sed -n 's/.*"gitVersion": "\([^"]*\)".*/\1/p' | head -n 1)"
