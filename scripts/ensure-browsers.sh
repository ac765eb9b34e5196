#!/usr/bin/env bash
# Installs the browsers the end-to-end tests and benchmarks drive, when they are missing:
# Debian's Chromium (with its translations, chromium-l10n) and Firefox ESR. It refreshes the package lists first (a stale list installs a
# browser a year old), and needs apt-get and root (or sudo without a password). Anywhere else it
# says what it could not do and leaves the decision to the caller: scripts/test.sh skips the
# suites whose browser is missing and says so. Never fails by itself.
set -uo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
firefox_path() {
  if [ -n "${FIREFOX_PATH:-}" ]; then echo "$FIREFOX_PATH"; return; fi  # the reader's choice, even if missing
  for candidate in /usr/bin/firefox-esr /usr/bin/firefox; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
}

# Debian's packages only help where the tests look for Debian's paths (no *_PATH of the reader's own).
need=()
[ -x "$CHROMIUM" ] || [ -n "${CHROMIUM_PATH:-}" ] || need+=(chromium)
[ -n "${FIREFOX_PATH:-}" ] || [ -n "$(firefox_path)" ] || need+=(firefox-esr)
# Chromium's interface in Ukrainian, Russian and German (tests/e2e/i18n.e2e.ts): Debian ships only
# en-US with the browser; without the other .pak files Chromium falls back to English.
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -f /usr/lib/chromium/locales/uk.pak ]; then need+=(chromium-l10n); fi

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Browsers: ${need[*]} missing, and this machine has no apt-get to install them." >&2
    need=()
  elif [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO="sudo -n"
    else
      echo "Browsers: ${need[*]} missing; installing them needs root (apt-get install -y ${need[*]})." >&2
      need=()
    fi
  fi
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    echo "Browsers: refreshing the package lists, then installing ${need[*]}…" >&2
    if ! $SUDO apt-get update -qq >/dev/null 2>&1; then
      echo "Browsers: apt-get update failed; installing from the lists this machine has (they may be old)." >&2
    fi
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
      || echo "Browsers: apt-get could not install ${need[*]}." >&2
  fi
fi

# What the tests will run on.
if [ -x "$CHROMIUM" ]; then echo "Browsers: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"; else echo "Browsers: no Chromium at $CHROMIUM"; fi
firefox="$(firefox_path)"
if [ -n "$firefox" ] && [ -x "$firefox" ]; then echo "Browsers: $("$firefox" --version 2>/dev/null | head -n 1)"; else echo "Browsers: no Firefox"; fi
exit 0
