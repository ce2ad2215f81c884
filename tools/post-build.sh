#!/usr/bin/env bash
# Trunk post_build hook: the CSP hashes of the inline scripts, then (release builds only) the
# minified JS glue and its integrity hash (both rewrite index.html), then the service worker's
# file list and version (over the final files).
set -euo pipefail
python3 tools/csp.py
node tools/minify-glue.mjs
node tools/sw.mjs
