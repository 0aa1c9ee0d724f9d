#!/usr/bin/env bash
# Installs, idempotently, what this project's builds and tests need beyond a Rust toolchain.
#
#   scripts/setup.sh            wasm32 target + cargo-hack (for CI's feature and wasm32 checks;
#                               `scripts/test.sh --no-browser` needs nothing beyond cargo)
#   scripts/setup.sh --browser  also wasm-bindgen-cli (the version in Cargo.lock), wasm-pack,
#                               Debian's chromium + chromium-driver (apt-get, as root), wasm-opt
#                               (npm's binaryen) and playwright-core (npm) for the end-to-end test
#                               of the web demo, into $TOOLS_PREFIX (/opt/es-security-tools)
#
# Safe to run again: it only installs what is missing or at the wrong version. Quiet: the output
# of an installer is shown only when it fails. Exits non-zero with one `ERROR:` line naming what
# is missing when something cannot be installed (scripts/test.sh reports it).
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_HACK_VERSION=0.6.46
WASM_PACK_VERSION=0.15.1
BINARYEN_NPM_VERSION=132.0.0
PLAYWRIGHT_CORE_VERSION=1.64.1
TOOLS_PREFIX=${TOOLS_PREFIX:-/opt/es-security-tools}

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --browser) BROWSER=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument $arg" ;;
  esac
done

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v rustup >/dev/null || die "rustup not found: the wasm32 target is added with rustup"

# Builds of installed tools go to a temporary target dir, removed afterwards.
BUILD_DIR=$(mktemp -d -t es-security-setup.XXXXXX)
trap 'rm -rf "$BUILD_DIR"' EXIT
# The tools' own dependencies may trigger future-incompatibility notes: not ours to act on.
export CARGO_FUTURE_INCOMPAT_REPORT_FREQUENCY=never
cargo_install() { # crate version
  local crate=$1 version=$2 log="$BUILD_DIR/install-$1.log"
  say "cargo install $crate@$version"
  # First with the tool's own lockfile; some name a crate version the registry no longer
  # serves, so then once more without it. Output is shown only if both fail.
  cargo install --quiet --locked --force --target-dir "$BUILD_DIR" "$crate" --version "=$version" >"$log" 2>&1 \
    || cargo install --quiet --force --target-dir "$BUILD_DIR" "$crate" --version "=$version" >>"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; die "could not install $crate $version (cargo install failed)"; }
}
# Where apt-get and /opt, /usr/local/bin are written: root only.
need_root() { # what
  [ "$(id -u)" = 0 ] || die "$1 needs root (apt-get, $TOOLS_PREFIX, /usr/local/bin): run as root, or install it yourself"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >"$BUILD_DIR/rustup.log" 2>&1 \
    || { cat "$BUILD_DIR/rustup.log" >&2; die "rustup could not add the wasm32-unknown-unknown target"; }
fi

if [ "$(cargo hack --version 2>/dev/null | awk '{print $2}')" != "$CARGO_HACK_VERSION" ]; then
  cargo_install cargo-hack "$CARGO_HACK_VERSION"
fi

if [ "$BROWSER" = 1 ]; then
  # wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
  [ -f Cargo.lock ] || cargo generate-lockfile
  WBG=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
  [ -n "$WBG" ] || die "no wasm-bindgen in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
    # Its own lockfile names a crate version the registry may not serve: retry unlocked.
    cargo_install wasm-bindgen-cli "$WBG"
  fi
  if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
    cargo_install wasm-pack "$WASM_PACK_VERSION"
  fi
  if ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
    command -v apt-get >/dev/null || die "chromium and chromium-driver are missing and there is no apt-get to install them (Debian/Ubuntu)"
    need_root "installing chromium and chromium-driver"
    say "apt-get install chromium chromium-driver"
    APT_LOG="$BUILD_DIR/apt.log"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; } >"$APT_LOG" 2>&1 \
      || { tail -n 30 "$APT_LOG" >&2; die "apt-get could not install chromium and chromium-driver"; }
  fi
  # Debian's binaryen is too old for current wasm-bindgen output: use npm's.
  if [ "$("$TOOLS_PREFIX/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_NPM_VERSION%%.*}" ] \
     || [ ! -d "$TOOLS_PREFIX/node_modules/playwright-core" ]; then
    command -v node >/dev/null && command -v npm >/dev/null \
      || die "Node.js and npm are missing: they install and run wasm-opt (binaryen) and playwright-core"
    mkdir -p "$TOOLS_PREFIX" 2>/dev/null && [ -w "$TOOLS_PREFIX" ] || need_root "installing into $TOOLS_PREFIX"
    say "npm install binaryen@$BINARYEN_NPM_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION"
    NPM_LOG="$BUILD_DIR/npm.log"
    npm install --prefix "$TOOLS_PREFIX" --no-audit --no-fund --silent \
      "binaryen@$BINARYEN_NPM_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION" >"$NPM_LOG" 2>&1 \
      || { tail -n 30 "$NPM_LOG" >&2; die "npm could not install binaryen and playwright-core"; }
  fi
  if [ "$(readlink /usr/local/bin/wasm-opt 2>/dev/null)" != "$TOOLS_PREFIX/node_modules/.bin/wasm-opt" ]; then
    need_root "linking wasm-opt into /usr/local/bin"
    ln -sfn "$TOOLS_PREFIX/node_modules/.bin/wasm-opt" /usr/local/bin/wasm-opt
  fi
  command -v python3 >/dev/null || die "python3 is missing: the browser tests' echo server and the demo's static server use it"
fi
say "ready"
