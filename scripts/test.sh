#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: types, unit tests, the production builds and the
# Firefox package check, then the end-to-end tests of the built extension in Debian's Chromium
# and Firefox ESR.
#
# Every stage that can run, runs; the summary at the end lists what passed, what failed and what
# was skipped and why. The exit status is non-zero only when something that ran failed, except
# under CI (CI=true), where a skipped suite is a failure too: CI must run everything.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=()
failed=()
skipped=()

stage() {
  local name="$1"
  shift
  echo
  echo "── $name"
  if "$@"; then passed+=("$name"); return 0; fi
  failed+=("$name")
  return 1
}

skip() {
  echo
  echo "── $1: skipped ($2)"
  skipped+=("$1 — $2")
}

bash scripts/ensure-browsers.sh
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund || { echo "npm ci failed: nothing was tested." >&2; exit 1; }
fi

stage "typecheck" npx tsc --noEmit
stage "unit tests" npx vitest run

built=1
stage "build (chrome-mv3)" npx wxt build || built=0
# `wxt zip -b firefox` builds firefox-mv2 and packs the store zip and the sources zip.
stage "build and zip (firefox-mv2)" npx wxt zip -b firefox || built=0
if [ "$built" = 1 ]; then
  stage "Firefox package (addons-linter)" node scripts/lint-firefox-package.mjs
else
  skip "Firefox package (addons-linter)" "the build failed"
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
FIREFOX="${FIREFOX_PATH:-}"
if [ -z "$FIREFOX" ]; then
  for candidate in /usr/bin/firefox-esr /usr/bin/firefox; do [ -x "$candidate" ] && { FIREFOX="$candidate"; break; }; done
fi

if [ "$built" = 0 ]; then
  skip "end-to-end, Chromium" "the build failed"
elif [ ! -x "$CHROMIUM" ]; then
  skip "end-to-end, Chromium" "no Chromium at $CHROMIUM (Debian: apt-get install chromium, or set CHROMIUM_PATH)"
else
  stage "end-to-end, Chromium ($("$CHROMIUM" --version 2>/dev/null | head -n 1))" \
    env E2E_BROWSER=chromium npx vitest run --config tests/e2e/vitest.config.ts
fi

if [ "$built" = 0 ]; then
  skip "end-to-end, Firefox" "the build failed"
elif [ -z "$FIREFOX" ] || [ ! -x "$FIREFOX" ]; then
  skip "end-to-end, Firefox" "no Firefox${FIREFOX:+ at $FIREFOX} (Debian: apt-get install firefox-esr, or set FIREFOX_PATH)"
else
  stage "end-to-end, Firefox ($("$FIREFOX" --version 2>/dev/null | head -n 1))" \
    env E2E_BROWSER=firefox FIREFOX_PATH="$FIREFOX" npx vitest run --config tests/e2e/vitest.config.ts
fi

echo
echo "── summary"
for name in "${passed[@]}"; do echo "  passed   $name"; done
for name in "${failed[@]}"; do echo "  FAILED   $name"; done
for name in "${skipped[@]}"; do echo "  skipped  $name"; done

if [ ${#failed[@]} -gt 0 ]; then exit 1; fi
if [ ${#skipped[@]} -gt 0 ] && [ -n "${CI:-}" ] && [ "${CI}" != "false" ]; then
  echo "CI runs every suite: the skipped ones above count as failures here." >&2
  exit 1
fi
exit 0
