#!/usr/bin/env bash
# Runs Quarkus's native build steps for every service without GraalVM (-Dquarkus.native.sources-only=true): the
# reflection and resource registration and build-time initialisation a native executable needs, so a change that
# breaks the native build fails here. Writes <service>/target/native-sources/. Run it after the tests (it replaces
# target/quarkus-artifact.properties). Where a container runtime exists, the real native build is
#   ./mvnw package -Dnative -Dquarkus.native.container-build=true
# Usage: scripts/native-sources.sh [extra Maven arguments]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"
choose_jdk
./mvnw -B -ntp package -Dnative -Dquarkus.native.sources-only=true -DskipTests \
  -pl "common,test-support,$(IFS=,; echo "${SERVICES[*]}")" "$@"
