#!/usr/bin/env bash
# install.sh — install what the HTML-report accessibility check needs, on a
# clean Debian 12 machine (root), idempotently. Meant to be called from .ci/run.
#
#   Debian: chromium (headless browser for axe-core + screenshot),
#           fonts-dejavu-core (a font, so Chromium draws text at all),
#           graphviz (`dot -Tsvg`, needed by another test)
#   npm:    axe-core, puppeteer-core, pngjs exactly as in package-lock.json
#           (`npm ci`; puppeteer-core never downloads a browser)
#
# env: WITH_CHROMEDRIVER=1   also install chromium-driver (not needed by axe-check.mjs)
#      TIMINGS_FILE=path     append "step seconds" lines there as well
#
# Each step prints how long it took. Measured on this machine kind (2 cores),
# from nothing installed: see NOTES.md (about 30-40 s in all).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DEBIAN_FRONTEND=noninteractive
export PUPPETEER_SKIP_DOWNLOAD=1          # puppeteer-core has no download step; belt and braces
export PUPPETEER_SKIP_CHROME_DOWNLOAD=1   # older spelling of the same

APT_PKGS=(chromium fonts-dejavu-core graphviz)
# apt-get needs root; use sudo when the job does not run as root.
SUDO=""
if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null; then SUDO="sudo"; fi
if [[ "${WITH_CHROMEDRIVER:-0}" == 1 ]]; then APT_PKGS+=(chromium-driver); fi

now() { date +%s.%N; }
step_start=0
begin() { step_start=$(now); echo "install.sh: $1 ..." >&2; }
end() {
  local secs
  secs=$(awk -v a="$step_start" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  echo "install.sh: $1 took ${secs}s" >&2
  if [[ -n "${TIMINGS_FILE:-}" ]]; then echo "$1 $secs" >>"$TIMINGS_FILE"; fi
}

# --- Debian packages ------------------------------------------------------
missing=()
for p in "${APT_PKGS[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  begin "apt-get update"
  $SUDO apt-get update -q >/dev/null
  end "apt-get update"
  begin "apt-get install ${missing[*]}"
  # --no-install-recommends: chromium's Recommends pull ~110 more packages
  # (systemd, avahi, cups helpers, perl, ...) that a headless check never uses.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  end "apt-get install ${missing[*]}"
else
  echo "install.sh: Debian packages already installed: ${APT_PKGS[*]}" >&2
fi

# --- npm packages ---------------------------------------------------------
# Skip when node_modules was installed from exactly this lock file.
lock_sum=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
stamp="$HERE/node_modules/.installed-from-lock.sha256"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" && -f "$HERE/node_modules/axe-core/axe.min.js" ]]; then
  echo "install.sh: node_modules already matches package-lock.json" >&2
else
  begin "npm ci"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$stamp"
  end "npm ci"
fi

# --- sanity ---------------------------------------------------------------
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
# /usr/bin/chromium is a shell wrapper; its /dev/shm check prints
# "[: ...: unexpected operator" on some machines (harmless), hence 2>/dev/null.
echo "install.sh: $("$chromium_bin" --version 2>/dev/null)" >&2
echo "install.sh: $(dot -V 2>&1)" >&2
echo "install.sh: sans-serif font: $(fc-match sans-serif)" >&2
(cd "$HERE" && node -e '
  const v = (p) => require(p + "/package.json").version;
  console.error(`install.sh: node ${process.version}, axe-core ${v("axe-core")}, puppeteer-core ${v("puppeteer-core")}, pngjs ${v("pngjs")}`);
')
