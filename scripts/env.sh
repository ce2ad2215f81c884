# Sourced by scripts/*.sh: puts cargo-installed tools and the npm tools
# (wasm-opt from the `binaryen` package, playwright) on PATH, so Trunk finds
# wasm-opt / wasm-bindgen locally and never tries to download them.
# Expects the current directory to be the repository root.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Never let anything fetch a browser build: the tests use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
