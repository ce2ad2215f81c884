#!/usr/bin/env bash
# Development server: http://127.0.0.1:8080/ (release build, no downloads).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --build-tools
# shellcheck source=scripts/env.sh
source scripts/env.sh
exec trunk serve --offline --release --no-autoreload --address 127.0.0.1 --port 8080 "$@"
