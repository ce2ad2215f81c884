#!/usr/bin/env bash
# Trunk post_build hook: the CSP hashes of the inline scripts, then (release builds only) the
# minified JS glue and its integrity hash (both rewrite index.html), then short names for the
# wasm's imports in the wasm and the glue (tools/short-imports.mjs, with both integrity hashes),
# then the service worker's file list and version (over the final files).
set -euo pipefail
python3 tools/csp.py
node tools/minify-glue.mjs
node tools/short-imports.mjs
node tools/sw.mjs
