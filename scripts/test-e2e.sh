#!/usr/bin/env bash
# End-to-end test of the browser apps: builds the web demo and the minimal app
# (examples/wasm-minimal) as they ship (scripts/build-wasm.sh), starts the test server
# (security-testkit) and a static server per app on 127.0.0.1 (web-demo/serve.py: compressed),
# drives each page in headless Chromium (web-demo/e2e/demo.e2e.mjs, then
# examples/wasm-minimal/e2e/minimal.e2e.mjs), and stops everything on exit. Exits non-zero if a
# step fails.
#
#   scripts/test-e2e.sh                      build, serve, test
#   scripts/test-e2e.sh --no-build           test the web-demo/pkg and examples/wasm-minimal/pkg already built
#   scripts/test-e2e.sh --update-screenshot  also copy the final screenshot to docs/web-demo.png
#
# Needs what `bash scripts/setup.sh --browser` installs: wasm-bindgen-cli (the Cargo.lock
# version), wasm-opt, chromium, Node.js with playwright-core in $TOOLS_PREFIX/node_modules
# (/opt/es-security-tools). Screenshots: web-demo/e2e/screenshots/,
# examples/wasm-minimal/e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[test-e2e] %s\n' "$*"; }
die() { printf '[test-e2e] ERROR: %s\n' "$*" >&2; exit 1; }

BUILD=1
UPDATE_SCREENSHOT=0
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --update-screenshot) UPDATE_SCREENSHOT=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument $arg" ;;
  esac
done

TOOLS_PREFIX=${TOOLS_PREFIX:-/opt/es-security-tools}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
command -v node >/dev/null || die "node not found"
command -v python3 >/dev/null || die "python3 not found"
[ -x "$CHROMIUM" ] || die "$CHROMIUM not found: run 'bash scripts/setup.sh --browser'"
[ -d "$TOOLS_PREFIX/node_modules/playwright-core" ] \
  || die "playwright-core not in $TOOLS_PREFIX/node_modules: run 'bash scripts/setup.sh --browser'"

if [ "$BUILD" = 1 ]; then
  # The release build with the size profile and wasm-opt: what scripts/wasm-size.sh measures
  # (and, when it ran first, already built: then only cargo's no-op check runs here).
  bash scripts/build-wasm.sh web-demo web-demo/pkg
  bash scripts/build-wasm.sh wasm-minimal examples/wasm-minimal/pkg
fi
[ -f web-demo/pkg/web_demo_bg.wasm ] || die "web-demo/pkg is not built (run without --no-build)"
[ -f examples/wasm-minimal/pkg/wasm_minimal_bg.wasm ] \
  || die "examples/wasm-minimal/pkg is not built (run without --no-build)"
say "cargo build -p security-testkit --bin security-testkit"
cargo build --quiet -p security-testkit --bin security-testkit

WORK=$(mktemp -d -t es-security-e2e.XXXXXX)
PIDS=()
stop() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Waits (up to 60 s) for a line matching $2 in file $1 written by process $3; prints it.
wait_line() {
  local file=$1 pattern=$2 pid=$3 line=
  for _ in $(seq 600); do
    line=$(grep -m1 -E "$pattern" "$file" || true)
    [ -n "$line" ] && { printf '%s\n' "$line"; return 0; }
    kill -0 "$pid" 2>/dev/null || { cat "$file" "$file.err" >&2 2>/dev/null; return 1; }
    sleep 0.1
  done
  return 1
}

python3 -u web-demo/serve.py --port 0 >"$WORK/serve.out" 2>"$WORK/serve.out.err" &
PIDS+=($!)
DEMO_URL=$(wait_line "$WORK/serve.out" '^URL ' "${PIDS[-1]}" | awk '{print $2}') \
  || die "the static server did not start"
ORIGIN=${DEMO_URL%/}

python3 -u web-demo/serve.py --port 0 --dir examples/wasm-minimal >"$WORK/serve-minimal.out" 2>"$WORK/serve-minimal.out.err" &
PIDS+=($!)
MINIMAL_URL=$(wait_line "$WORK/serve-minimal.out" '^URL ' "${PIDS[-1]}" | awk '{print $2}') \
  || die "the static server of the minimal app did not start"
MINIMAL_ORIGIN=${MINIMAL_URL%/}

ES_PASSWORD="e2e-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
# `cargo run` replaces itself with the server (exec), so the pid is the server's.
cargo run --quiet -p security-testkit --bin security-testkit -- \
  --password "$ES_PASSWORD" --cors-allow-origin "$ORIGIN" --cors-allow-origin "$MINIMAL_ORIGIN" >"$WORK/testkit.out" 2>"$WORK/testkit.out.err" &
PIDS+=($!)
ES_URL=$(wait_line "$WORK/testkit.out" '^https?://' "${PIDS[-1]}") || die "the test server did not start"
say "pages at $DEMO_URL and $MINIMAL_URL, test server at $ES_URL (CORS for both)"

status=0
DEMO_URL="$DEMO_URL" ES_URL="$ES_URL" ES_USER=elastic ES_PASSWORD="$ES_PASSWORD" CHROMIUM="$CHROMIUM" \
  NODE_PATH="$TOOLS_PREFIX/node_modules${NODE_PATH:+:$NODE_PATH}" \
  node web-demo/e2e/demo.e2e.mjs || status=$?
MINIMAL_URL="$MINIMAL_URL" ES_URL="$ES_URL" ES_USER=elastic ES_PASSWORD="$ES_PASSWORD" CHROMIUM="$CHROMIUM" \
  NODE_PATH="$TOOLS_PREFIX/node_modules${NODE_PATH:+:$NODE_PATH}" \
  node examples/wasm-minimal/e2e/minimal.e2e.mjs || status=$?
if [ "$status" -ne 0 ]; then
  say "FAILED (exit $status)"
  exit "$status"
fi
if [ "$UPDATE_SCREENSHOT" = 1 ]; then
  mkdir -p docs
  cp web-demo/e2e/screenshots/06-privileges.png docs/web-demo.png
  say "docs/web-demo.png updated"
fi
say "passed"
