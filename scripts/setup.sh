#!/usr/bin/env bash
# Installs what building and testing Article Annotator needs. Idempotent and
# quick when everything is already there. Runs as root on Debian with rustup,
# Node/npm and apt available.
#
#   scripts/setup.sh                 everything (build tools + test tools)
#   scripts/setup.sh --build-tools   wasm32 target, trunk, wasm-bindgen-cli, npm ci
#   scripts/setup.sh --test-tools    rustfmt/clippy + chromium/chromedriver only
#
# Pinned versions: trunk 0.21.14; wasm-bindgen-cli = the wasm-bindgen version
# in Cargo.lock; wasm-opt comes from the npm package `binaryen` (package.json).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

TRUNK_VERSION=0.21.14

log() { printf '[setup] %s\n' "$*"; }

ensure_rust_target() {
  local targets
  targets="$(rustup target list --installed)"
  if grep -qx wasm32-unknown-unknown <<<"$targets"; then
    log "rust target wasm32-unknown-unknown: present"
  else
    log "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_rust_components() {
  local installed missing=()
  installed="$(rustup component list --installed)"
  grep -q '^rustfmt' <<<"$installed" || missing+=(rustfmt)
  grep -q '^clippy' <<<"$installed" || missing+=(clippy)
  if ((${#missing[@]})); then
    log "adding rust components: ${missing[*]}"
    rustup component add "${missing[@]}"
  else
    log "rust components rustfmt, clippy: present"
  fi
}

ensure_trunk() {
  if command -v trunk >/dev/null 2>&1 && [[ "$(trunk --version 2>/dev/null)" == "trunk ${TRUNK_VERSION}" ]]; then
    log "trunk ${TRUNK_VERSION}: present"
  else
    log "installing trunk ${TRUNK_VERSION} (cargo install, takes a while)"
    cargo install trunk --version "${TRUNK_VERSION}" --locked
  fi
}

# The wasm-bindgen version the app is locked to (Cargo.lock, created if missing).
wasm_bindgen_version() {
  local v=""
  if [[ -f Cargo.lock ]]; then
    v="$(awk '
      /^\[\[package\]\]/ { name = "" }
      /^name = / { name = $3 }
      /^version = / && name == "\"wasm-bindgen\"" { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock)"
  fi
  if [[ -z "$v" ]]; then
    # e.g. registry+https://github.com/rust-lang/crates.io-index#wasm-bindgen@0.2.130
    v="$(cargo pkgid -p wasm-bindgen 2>/dev/null | sed -n 's/.*[@#:]\([0-9][0-9.]*[^ ]*\)$/\1/p')"
  fi
  if [[ -z "$v" ]]; then
    echo "setup: could not determine the wasm-bindgen version from Cargo.lock" >&2
    return 1
  fi
  printf '%s\n' "$v"
}

ensure_wasm_bindgen_cli() {
  local want have="" runner=""
  want="$(wasm_bindgen_version)"
  if command -v wasm-bindgen >/dev/null 2>&1; then
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
  fi
  if command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')"
  fi
  if [[ "$have" == "$want" && "$runner" == "$want" ]]; then
    log "wasm-bindgen-cli ${want}: present"
  else
    log "installing wasm-bindgen-cli ${want} (found '${have:-none}'; cargo install, takes a while)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_node_modules() {
  # npm ci writes node_modules/.package-lock.json; reinstall when the
  # lockfile is newer than that (or node_modules is missing).
  if [[ -d node_modules && -f node_modules/.package-lock.json && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
    log "node_modules: up to date"
  else
    log "npm ci"
    npm ci --no-audit --no-fund
  fi
  if [[ "$(wasm-opt --version 2>/dev/null)" != *"version 132"* ]]; then
    echo "setup: node_modules/.bin/wasm-opt is not binaryen version 132" >&2
    return 1
  fi
}

# Debian's chromium + chromedriver (same version), and fonts so that text has
# real glyph boxes for the mouse-drag tests (chromium only recommends them).
APT_TEST_PACKAGES=(chromium chromium-driver fonts-liberation fonts-dejavu-core)

apt_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

ensure_chromium() {
  local missing=()
  for p in "${APT_TEST_PACKAGES[@]}"; do
    apt_installed "$p" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)) && [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    log "chromium + chromedriver + fonts: present"
  else
    log "installing ${missing[*]:-chromium chromium-driver} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${APT_TEST_PACKAGES[@]}"
  fi
}

build_tools() {
  ensure_rust_target
  ensure_trunk
  ensure_wasm_bindgen_cli
  ensure_node_modules
}

test_tools() {
  ensure_rust_components
  ensure_chromium
}

main() {
  local mode="${1:---all}"
  case "$mode" in
    --build-tools) build_tools ;;
    --test-tools) test_tools ;;
    --all) build_tools; test_tools ;;
    -h | --help) sed -n '2,12p' "$0" ;;
    *) echo "usage: $0 [--all|--build-tools|--test-tools]" >&2; exit 2 ;;
  esac
}

main "$@"
