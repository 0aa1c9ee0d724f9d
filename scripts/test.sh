#!/usr/bin/env bash
# Runs all of the project's tests, after installing what they need (scripts/setup.sh).
#
#   scripts/test.sh               everything: native tests, the core group alone, browser tests,
#                                 the web demo end to end
#
# Tests that need ../shared/es-spec (the official specification) or a real cluster (ES_URL) say
# "SKIPPED ..." when those are absent.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser

LOG=$(mktemp -t es-security-tests.XXXXXX)
trap 'rm -f "$LOG"' EXIT
run() { printf '\n== %s\n' "$*"; "$@" 2>&1 | tee -a "$LOG"; }

# Every crate, every feature (the default), unit + integration + doc tests.
run cargo test --workspace
# The README's main job: the quickstart tour (against the in-repo test server unless ES_URL is set).
run cargo run -q -p quickstart
# The core group alone: the API-group features off.
run cargo test -p security-core -p security-client --no-default-features
# The browser transport and the client on wasm32, in headless Chromium.
run bash scripts/test-wasm.sh
# The web demo end to end in headless Chromium, against the in-repo test server.
run bash scripts/test-e2e.sh

passed=$(awk '/^test result:/ {for (i = 1; i <= NF; i++) if ($(i+1) ~ /^passed;?$/) s += $i} END {print s + 0}' "$LOG")
failed=$(awk '/^test result:/ {for (i = 1; i <= NF; i++) if ($(i+1) ~ /^failed;?$/) s += $i} END {print s + 0}' "$LOG")
skipped=$(grep -c '^SKIPPED' "$LOG" || true)
printf '\n%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
