#!/usr/bin/env bash
# Runs all of the project's tests, after installing what they need (scripts/setup.sh), and ends
# with a summary.
#
#   scripts/test.sh                    everything; the browser steps are skipped, with the reason,
#                                      when their tools are missing and cannot be installed
#   scripts/test.sh --no-browser       without the browser steps (reported as skipped)
#   scripts/test.sh --require-browser  the browser steps must run: tools that cannot be installed
#                                      are a failure (CI uses this)
#
# Steps: the native tests of every crate (unit, integration, doc tests); the quickstart tour, also
# in serverless mode; the
# core group without the API-group features; the browser tests of transport-wasm and, through
# it, security-client on wasm32 (scripts/test-wasm.sh); the web demo end to end
# (scripts/test-e2e.sh). Every step runs even when an earlier one failed. Each step prints what
# ran and how many tests passed, failed and were skipped (with the reasons); the summary lists
# every step and ends with the totals, last line exactly `N passed, N failed, N skipped`. The exit
# status is 0 only if nothing failed.
#
# How tests are counted:
# - cargo and wasm-bindgen-test: their `test result:` lines; `#[ignore]`d tests count as skipped.
# - A test that needs what cannot exist here (a real cluster: ES_URL) returns early after writing
#   one line `SKIPPED: <reason>` to stderr. The Rust test harness counts it as passed; this script
#   moves it to skipped, so it is counted once, as skipped.
# - The quickstart tour counts as one test; the web demo's end-to-end steps count one each (its
#   `ok N`, `not ok N` and `skip N` lines).
# - A step that fails before reporting a failing test (a build error, a missing tool) counts as
#   one failure.
# - Browser steps that cannot run (tools missing, --no-browser) count their tests as skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

BROWSER=auto
for arg in "$@"; do
  case "$arg" in
    --no-browser) BROWSER=off ;;
    --require-browser) BROWSER=require ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) printf '[test] unknown argument %s (see --help)\n' "$arg" >&2; exit 2 ;;
  esac
done

LOGS=$(mktemp -d -t es-security-tests.XXXXXX)
trap 'rm -rf "$LOGS"' EXIT
trap 'exit 130' INT TERM

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
SUMMARY=()
STEP=0

# record NAME PASSED FAILED SKIPPED [NOTE...]: adds a step's counts to the totals and the summary.
record() {
  local name=$1 passed=$2 failed=$3 skipped=$4
  shift 4
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  local line
  line=$(printf '%-44s %5d passed, %d failed, %d skipped' "$name" "$passed" "$failed" "$skipped")
  printf -- '-- %s\n' "$line"
  SUMMARY+=("$line")
  local note
  for note in "$@"; do
    printf '   %s\n' "$note"
    SUMMARY+=("    $note")
  done
}

# count_libtest LOG: "passed failed ignored markers" from libtest-style output (cargo test,
# wasm-bindgen-test-runner).
count_libtest() {
  awk '
    /test result:/ {
      for (i = 1; i < NF; i++) {
        if ($(i + 1) ~ /^passed;?$/) p += $i
        if ($(i + 1) ~ /^failed;?$/) f += $i
        if ($(i + 1) ~ /^ignored;?$/) g += $i
      }
    }
    { m += gsub(/SKIPPED: /, "&") }
    END { print p + 0, f + 0, g + 0, m + 0 }' "$1"
}

# skip_reasons LOG: one note per distinct `SKIPPED: <reason>`, with its count.
skip_reasons() {
  grep -o 'SKIPPED: .*' "$1" | sed 's/^SKIPPED: //' | sort | uniq -c \
    | awk '{n = $1; $1 = ""; sub(/^ /, ""); printf "skipped %d: %s\n", n, $0}'
}

# run_step KIND NAME COMMAND...: runs COMMAND (output shown and kept), then counts its tests.
# KIND: libtest (cargo/wasm test output), tap (ok/not ok/skip lines), program (one test: the
# exit status).
run_step() {
  local kind=$1 name=$2
  shift 2
  STEP=$((STEP + 1))
  local log="$LOGS/step-$STEP.log"
  printf '\n== %s\n$ %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local passed=0 failed=0 skipped=0 ignored=0 markers=0
  local notes=()
  case "$kind" in
    libtest)
      read -r passed failed ignored markers < <(count_libtest "$log")
      passed=$((passed - markers))
      skipped=$((ignored + markers))
      [ "$ignored" -gt 0 ] && notes+=("skipped $ignored: #[ignore]")
      if [ "$markers" -gt 0 ]; then
        local reason
        while IFS= read -r reason; do notes+=("$reason"); done < <(skip_reasons "$log")
      fi
      ;;
    tap)
      passed=$(grep -cE '^ok [0-9]+ - ' "$log")
      failed=$(grep -cE '^not ok [0-9]+ - ' "$log")
      skipped=$(grep -cE '^skip [0-9]+ - ' "$log")
      [ "$skipped" -gt 0 ] && notes+=("skipped $skipped: an earlier step failed")
      ;;
    program)
      if [ "$status" -eq 0 ]; then passed=1; else failed=1; fi
      ;;
  esac
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    notes+=("failed: exited with status $status before reporting a failing test (see above)")
  fi
  record "$name" "$passed" "$failed" "$skipped" "${notes[@]}"
}

# --- What the tests need -------------------------------------------------------------------
BROWSER_SKIP=
if [ "$BROWSER" = off ]; then
  BROWSER_SKIP="not asked for (--no-browser)"
else
  printf '\n== setup: bash scripts/setup.sh --browser\n'
  SETUP_LOG="$LOGS/setup.log"
  bash scripts/setup.sh --browser 2>&1 | tee "$SETUP_LOG"
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    why=$(grep -o 'ERROR: .*' "$SETUP_LOG" | tail -n 1 | sed 's/^ERROR: //')
    BROWSER_SKIP="the browser tools could not be installed: ${why:-scripts/setup.sh --browser failed}"
    if [ "$BROWSER" = require ]; then
      record "setup of the browser tools" 0 1 0 "failed: ${why:-scripts/setup.sh --browser failed} (--require-browser)"
    fi
  fi
fi

# --- The steps -----------------------------------------------------------------------------
# Every crate, every feature (the default), unit + integration + doc tests.
run_step libtest "native tests of every crate" cargo test --workspace --no-fail-fast
# The README's main job: the quickstart tour (against the in-repo test server unless ES_URL is set).
run_step program "quickstart tour" cargo run -q -p quickstart
# The quickstart tour of a serverless project: against the test server acting as one, or against
# ES_URL when ES_SERVERLESS=1 says it is a serverless project (a stack cluster at ES_URL cannot run it).
if [ -n "${ES_URL:-}" ] && [ "${ES_SERVERLESS:-}" != 1 ]; then
  record "quickstart tour (serverless)" 0 0 1 "skipped: ES_URL is a stack cluster (set ES_SERVERLESS=1 for a serverless project)"
else
  run_step program "quickstart tour (serverless)" cargo run -q -p quickstart -- --serverless
fi
# The core group alone: the API-group features off (the native transport stays, as the client's
# docs use its default transport type).
run_step libtest "core group without API-group features" \
  cargo test -p security-core -p security-client --no-default-features --features security-client/native-transport --no-fail-fast
if [ -z "$BROWSER_SKIP" ]; then
  # The browser transport and the client on wasm32, in headless Chromium.
  run_step libtest "browser tests (wasm32, headless Chromium)" bash scripts/test-wasm.sh
  # The web demo end to end in headless Chromium, against the in-repo test server.
  run_step tap "web demo end to end (headless Chromium)" bash scripts/test-e2e.sh
else
  printf '\n== browser steps skipped: %s\n' "$BROWSER_SKIP"
  record "browser tests (wasm32, headless Chromium)" 0 0 \
    "$(cat crates/transport-wasm/tests/*.rs | grep -c '#\[wasm_bindgen_test')" "skipped: $BROWSER_SKIP"
  record "web demo end to end (headless Chromium)" 0 0 \
    "$(grep -c '^await step(' web-demo/e2e/demo.e2e.mjs)" "skipped: $BROWSER_SKIP"
fi

printf '\n== Summary\n'
printf '%s\n' "${SUMMARY[@]}"
printf '\n%s passed, %s failed, %s skipped\n' "$TOTAL_PASSED" "$TOTAL_FAILED" "$TOTAL_SKIPPED"
[ "$TOTAL_FAILED" -eq 0 ]
