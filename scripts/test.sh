#!/usr/bin/env bash
# Full check, as CI runs it (.ci/run): formatting, clippy (native + wasm),
# core unit tests, wasm-bindgen-test browser tests of the app, release build,
# Playwright end-to-end tests against that build. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==================== %s ====================\n' "$*"; }

section "setup"
bash scripts/setup.sh --all
# shellcheck source=scripts/env.sh
source scripts/env.sh

section "cargo fmt --all --check"
cargo fmt --all --check

section "cargo clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings

section "cargo clippy (wasm32-unknown-unknown)"
cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings

section "cargo test -p annotator-core -p annotator-json -p annotator-rules"
cargo test -p annotator-core -p annotator-json -p annotator-rules

section "wasm-bindgen-test in headless chromium (article-annotator)"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
# Browser capabilities (chromium binary + flags) for the runner's WebDriver session.
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/webdriver.json"
cargo test -p article-annotator --target wasm32-unknown-unknown
unset CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER

section "trunk build --release --offline"
trunk build --release --offline
test -f dist/index.html

section "playwright end-to-end tests"
report=playwright-report/e2e-results.json
rm -f "$report"
status=0
npx --no-install playwright test || status=$?
if [[ -f "$report" ]]; then
  node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
    const skipped = s.skipped ? `, ${s.skipped} skipped` : "";
    console.log(`e2e: ${s.expected + s.flaky} passed, ${s.unexpected} failed${skipped}`);
  ' "$report"
fi
exit "$status"
