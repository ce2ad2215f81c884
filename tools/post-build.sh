#!/usr/bin/env bash
# Trunk post_build hook: the CSP hashes of the inline scripts, then (release builds only) the
# minified JS glue and its integrity hash. In order: both rewrite index.html.
set -euo pipefail
python3 tools/csp.py
node tools/minify-glue.mjs
