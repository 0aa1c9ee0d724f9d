#!/usr/bin/env bash
# Runs the browser tests of transport-wasm (and, through it, security-client on wasm32) in
# headless Chromium against a local echo server.
#
#   scripts/test-wasm.sh                     all browser tests
#   scripts/test-wasm.sh -- <test name>      extra arguments go to `cargo test` (a name filter)
#
# Needs what `bash scripts/setup.sh --browser` installs: the wasm32 target, wasm-bindgen-cli
# (wasm-bindgen-test-runner) at the Cargo.lock version, wasm-pack, chromium and chromium-driver.
# Starts crates/transport-wasm/tests/echo_server.py on a free 127.0.0.1 port, bakes its URL into
# the tests (TRANSPORT_WASM_ECHO_URL: a wasm test cannot read the environment when it runs),
# and stops the server on exit. Exits non-zero if a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[test-wasm] %s\n' "$*"; }
die() { printf '[test-wasm] ERROR: %s\n' "$*" >&2; exit 1; }

EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (test names go after --)" ;;
  esac
done

CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver || true)}
[ -n "$CHROMEDRIVER" ] && [ -x "$CHROMEDRIVER" ] || die "chromedriver not found: run 'bash scripts/setup.sh --browser'"
command -v chromium >/dev/null || command -v google-chrome >/dev/null \
  || die "chromium not found: run 'bash scripts/setup.sh --browser'"
command -v wasm-pack >/dev/null || die "wasm-pack not found: run 'bash scripts/setup.sh --browser'"
command -v wasm-bindgen-test-runner >/dev/null \
  || die "wasm-bindgen-test-runner not found: run 'bash scripts/setup.sh --browser'"
# The runner must be the exact wasm-bindgen version of Cargo.lock, or the tests cannot load.
WANT=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
HAVE=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')
[ "$WANT" = "$HAVE" ] || die "wasm-bindgen-test-runner is $HAVE, Cargo.lock has wasm-bindgen $WANT: run 'bash scripts/setup.sh --browser'"

SERVER_OUT=$(mktemp -t echo-server.XXXXXX)
SERVER_PID=
stop() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -f "$SERVER_OUT"
}
trap stop EXIT
trap 'exit 130' INT TERM

python3 -u crates/transport-wasm/tests/echo_server.py >"$SERVER_OUT" &
SERVER_PID=$!
# The server prints `PORT <n>` once it listens: wait for that line (up to 10 s), not a fixed time.
PORT=
for _ in $(seq 100); do
  PORT=$(awk '/^PORT / {print $2; exit}' "$SERVER_OUT")
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the echo server exited: $(cat "$SERVER_OUT")"
  sleep 0.1
done
[ -n "$PORT" ] || die "the echo server did not report its port"
export TRANSPORT_WASM_ECHO_URL="http://127.0.0.1:$PORT"
say "echo server at $TRANSPORT_WASM_ECHO_URL (pid $SERVER_PID)"

# The runner stops waiting for the browser after WASM_BINDGEN_TEST_TIMEOUT seconds (20 by
# default): the tests take ~2 s, but a broken timeout makes some wait for the server's 10 s.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
# --mode no-install: never let wasm-pack download or build its own wasm-bindgen or driver.
# webdriver.json in crates/transport-wasm passes Chromium the flags this offline machine needs.
status=0
wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" --mode no-install \
  crates/transport-wasm "${EXTRA[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  say "FAILED (exit $status)"
  exit "$status"
fi
say "passed"
