#!/usr/bin/env bash
# Installs, idempotently, what this project's builds and tests need beyond a Rust toolchain.
#
#   scripts/setup.sh            wasm32 target + cargo-hack (enough for `scripts/test.sh --no-browser`)
#   scripts/setup.sh --browser  also wasm-bindgen-cli (the version in Cargo.lock), wasm-pack,
#                               Debian's chromium + chromium-driver, wasm-opt (npm binaryen), and
#                               playwright-core for the end-to-end test of the web demo
#
# Safe to run again: it only installs what is missing or at the wrong version.
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
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) die "unknown argument $arg" ;;
  esac
done

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v rustup >/dev/null || die "rustup not found: the wasm32 target is added with rustup"

# Builds of installed tools go to a temporary target dir, removed afterwards.
BUILD_DIR=$(mktemp -d -t es-security-setup.XXXXXX)
trap 'rm -rf "$BUILD_DIR"' EXIT
cargo_install() { # crate version [--locked]
  local crate=$1 version=$2
  say "cargo install $crate@$version"
  cargo install --locked --force --target-dir "$BUILD_DIR" "$crate" --version "=$version" \
    || cargo install --force --target-dir "$BUILD_DIR" "$crate" --version "=$version" \
    || die "could not install $crate $version"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
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
    say "apt-get install chromium chromium-driver"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
  fi
  # Debian's binaryen is too old for current wasm-bindgen output: use npm's.
  if [ "$("$TOOLS_PREFIX/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_NPM_VERSION%%.*}" ] \
     || [ ! -d "$TOOLS_PREFIX/node_modules/playwright-core" ]; then
    say "npm install binaryen@$BINARYEN_NPM_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION"
    mkdir -p "$TOOLS_PREFIX"
    npm install --prefix "$TOOLS_PREFIX" --no-audit --no-fund --silent \
      "binaryen@$BINARYEN_NPM_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION" >/dev/null
  fi
  ln -sfn "$TOOLS_PREFIX/node_modules/.bin/wasm-opt" /usr/local/bin/wasm-opt
fi
say "ready"
