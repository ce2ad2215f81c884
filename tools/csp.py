#!/usr/bin/env python3
"""Trunk post_build hook: puts the SHA-256 of every inline <script> of the built index.html into
its Content-Security-Policy, in place of __CSP_SCRIPT_HASHES__, and drops Trunk's static nonces
(a nonce fixed at build time protects nothing). Fails the build if the placeholder is missing."""

import base64
import hashlib
import os
import re
import sys

path = os.path.join(os.environ.get("TRUNK_STAGING_DIR", "dist"), "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

html = re.sub(r'\snonce="[^"]*"', "", html)
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in scripts
    if s.strip()
)
if "__CSP_SCRIPT_HASHES__" not in html:
    sys.exit("csp.py: no __CSP_SCRIPT_HASHES__ placeholder in " + path)
html = html.replace("__CSP_SCRIPT_HASHES__", hashes)
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print("csp.py: %d inline script(s) hashed into the CSP" % len(scripts))
