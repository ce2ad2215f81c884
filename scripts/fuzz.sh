#!/usr/bin/env bash
# Long fuzz runs of the core (not part of scripts/test.sh, which replays only the saved
# regressions): every importer, DOM-offset mapping, and random action sequences through the
# reducer and undo history. FUZZ_CASES sets the cases per target (default 100,000).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh
export FUZZ_CASES="${FUZZ_CASES:-100000}"
echo "fuzzing with ${FUZZ_CASES} cases per target"
time cargo test -p annotator-core --release --test fuzz -- --ignored --nocapture
