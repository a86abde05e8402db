#!/usr/bin/env bash
# The client kit's tests, after the services are packaged (scripts/test.sh runs this after Maven's verify):
#   1. the SDK (clients/typescript): type check, unit tests (its types regenerated from the services' OpenAPI
#      documents must equal the committed ones), build;
#   2. the web client (clients/web): type check and build, then the browser tests: Debian's Chromium driven by
#      Playwright through http://localhost:8080 against the real services, which the tests start with
#      scripts/run.sh (database parley_browser) beside a mail catcher on 127.0.0.1:1025. They refresh the
#      screenshots in docs/screenshots.
# Needs ports 8080 to 8083, 9081 to 9083 and 1025 free, Node.js 20.19+ and Chromium (scripts/install-deploy-tools.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARLEY_ROOT"

build_clients
log "testing the SDK"
(cd clients/typescript && npm run --silent check && npm test)
log "testing the web client in Chromium"
(cd clients/web && npm run --silent typecheck && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test)
