#!/usr/bin/env bash
# The whole test suite: types, unit tests, the corpus freshness check, a production build,
# and the end-to-end tests of the built extension in Debian's headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
[ -d node_modules ] || npm ci
echo "── typecheck"; npx tsc --noEmit
echo "── unit tests"; npx vitest run
echo "── build (chrome-mv3, firefox-mv2)"; npx wxt build >/dev/null && npx wxt build -b firefox >/dev/null
echo "── end-to-end tests"; npx vitest run --config tests/e2e/vitest.config.ts
