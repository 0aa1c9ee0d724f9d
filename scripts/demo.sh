#!/usr/bin/env bash
# Builds the web demo and serves it on 127.0.0.1, against the test server or a cluster of yours.
#
#   scripts/demo.sh                          start security-testkit (in-memory, NOT Elasticsearch)
#   ES_URL=https://es.example:9200 scripts/demo.sh   use that cluster (it must allow the page by CORS)
#
# Environment: DEMO_PORT (8080) for the page; DEMO_PASSWORD for the test server's `elastic`
# user (random by default). Prints the URL to open and the credentials; Ctrl-C stops everything.
# Runs `scripts/setup.sh --browser` first (idempotent: wasm-pack, wasm-bindgen-cli, wasm-opt, …).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[demo] %s\n' "$*"; }
die() { printf '[demo] ERROR: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
  "") ;;
  *) die "unknown argument $1 (see --help)" ;;
esac

DEMO_PORT=${DEMO_PORT:-8080}
bash scripts/setup.sh --browser
command -v python3 >/dev/null || die "python3 not found"

# The release build as it ships (size profile, wasm-opt): see scripts/build-wasm.sh.
bash scripts/build-wasm.sh web-demo web-demo/pkg

WORK=$(mktemp -d -t es-security-demo.XXXXXX)
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
trap 'echo; say "stopping"; exit 0' INT TERM

wait_line() { # file pattern pid: prints the first matching line (waits up to 60 s)
  local file=$1 pattern=$2 pid=$3 line=
  for _ in $(seq 600); do
    line=$(grep -m1 -E "$pattern" "$file" || true)
    [ -n "$line" ] && { printf '%s\n' "$line"; return 0; }
    kill -0 "$pid" 2>/dev/null || { cat "$file.err" >&2 2>/dev/null; return 1; }
    sleep 0.1
  done
  return 1
}

python3 -u web-demo/serve.py --port "$DEMO_PORT" >"$WORK/serve.out" 2>"$WORK/serve.out.err" &
PIDS+=($!)
PAGE=$(wait_line "$WORK/serve.out" '^URL ' "${PIDS[-1]}" | awk '{print $2}') \
  || die "cannot serve the page on 127.0.0.1:$DEMO_PORT (port taken? set DEMO_PORT)"
ORIGIN=${PAGE%/}

if [ -z "${ES_URL:-}" ]; then
  PASSWORD=${DEMO_PASSWORD:-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')}
  say "cargo build -p security-testkit --bin security-testkit"
  cargo build --quiet -p security-testkit --bin security-testkit
  # `cargo run` replaces itself with the server (exec), so the pid is the server's.
  cargo run --quiet -p security-testkit --bin security-testkit -- --password "$PASSWORD" \
    --cors-allow-origin "$ORIGIN" --cors-allow-origin "http://localhost:$DEMO_PORT" \
    >"$WORK/testkit.out" 2>"$WORK/testkit.out.err" &
  PIDS+=($!)
  ES_URL=$(wait_line "$WORK/testkit.out" '^https?://' "${PIDS[-1]}") || die "the test server did not start"
  cat <<MSG

  Open   ${PAGE}?es=${ES_URL}&user=elastic
  Sign in with username elastic, password ${PASSWORD}
  The cluster is security-testkit, an in-memory test server (not Elasticsearch): nothing is kept.

  Press Ctrl-C to stop.
MSG
else
  cat <<MSG

  Open   ${PAGE}?es=${ES_URL}
  Sign in with an API key (preferred) or a username and password of that cluster.
  The cluster must allow this page by CORS, in elasticsearch.yml:
      http.cors.enabled: true
      http.cors.allow-origin: "${ORIGIN}"

  Press Ctrl-C to stop.
MSG
fi
wait "${PIDS[0]}"
