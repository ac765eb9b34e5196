#!/usr/bin/env bash
# Makes sure the browsers the end-to-end tests and benchmarks drive are installed: Debian's
# Chromium (required) and Firefox ESR (for the Firefox build's tests; they are skipped without it).
# Installs them with apt-get when missing (as root, or through sudo).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
need=()
[ -x "$CHROMIUM" ] || need+=(chromium)
[ -x /usr/bin/firefox-esr ] || [ -x /usr/bin/firefox ] || need+=(firefox-esr)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing ${need[*]} with apt-get…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "Cannot install ${need[*]}: not root and no sudo. Install them yourself: apt-get install -y ${need[*]}" >&2
    [ -x "$CHROMIUM" ] && exit 0 || exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
install() {
  $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null
  }
}
install "${need[@]}" || echo "apt-get could not install ${need[*]}" >&2
[ -x "$CHROMIUM" ] || { echo "Chromium is required for the tests and $CHROMIUM is missing" >&2; exit 1; }
