#!/usr/bin/env bash
# Builds a browser app of the workspace the way it ships: cargo for wasm32 with the size profile
# (`[profile.wasm-release]` of the workspace Cargo.toml: opt-level "z", LTO, one codegen unit,
# panic=abort), the wasm-bindgen CLI (`--target web`, name and producers sections removed), then
# wasm-opt. Used by scripts/wasm-size.sh, scripts/test-e2e.sh and scripts/demo.sh.
#
#   scripts/build-wasm.sh <package> <out-dir>    e.g. scripts/build-wasm.sh web-demo web-demo/pkg
#
# Writes <out-dir>/<crate>.js and <out-dir>/<crate>_bg.wasm (crate = package with `_` for `-`).
# Needs what `bash scripts/setup.sh --browser` installs: the wasm32 target, wasm-bindgen-cli at
# the Cargo.lock version, wasm-opt (npm's binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[build-wasm] %s\n' "$*" >&2; }
die() { printf '[build-wasm] ERROR: %s\n' "$*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: scripts/build-wasm.sh <package> <out-dir>"
PACKAGE=$1
OUT=$2
CRATE=${PACKAGE//-/_}

command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found: run 'bash scripts/setup.sh --browser'"
command -v wasm-opt >/dev/null || die "wasm-opt not found: run 'bash scripts/setup.sh --browser'"
WANT=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
HAVE=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
[ "$WANT" = "$HAVE" ] || die "wasm-bindgen CLI is '$HAVE', Cargo.lock has $WANT: run 'bash scripts/setup.sh --browser'"

# Source paths end up in the module (panic locations): name the registry's crates without this
# machine's CARGO_HOME, so that a build is the same size on every machine.
REGISTRY="${CARGO_HOME:-$HOME/.cargo}/registry/src"
REMAP=""
for dir in "$REGISTRY"/*/; do
  [ -d "$dir" ] && REMAP="$REMAP --remap-path-prefix=${dir%/}=registry"
done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}$REMAP"
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}

say "cargo build -p $PACKAGE --target wasm32-unknown-unknown --profile wasm-release"
cargo build --quiet -p "$PACKAGE" --target wasm32-unknown-unknown --profile wasm-release
TARGET_DIR=${CARGO_TARGET_DIR:-target}
WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/$CRATE.wasm"
[ -f "$WASM" ] || die "$WASM was not built (is $PACKAGE a cdylib?)"

# wasm-bindgen and wasm-opt take a while: skipped when the output was made from this very module
# with the same tools (scripts/wasm-size.sh and the end-to-end test build the same apps).
WASM_OPT_FLAGS="-Oz -ocimfs 0 -iit --low-memory-unused"
STAMP="$(sha256sum "$WASM" | cut -d' ' -f1) $HAVE $(wasm-opt --version) $WASM_OPT_FLAGS"
if [ -f "$OUT/.built-from" ] && [ "$(cat "$OUT/.built-from")" = "$STAMP" ] \
   && [ -f "$OUT/$CRATE.js" ] && [ -f "$OUT/${CRATE}_bg.wasm" ]; then
  say "$OUT is up to date"
  exit 0
fi

say "wasm-bindgen --target web --out-dir $OUT"
mkdir -p "$OUT"
rm -f "$OUT/.built-from"
wasm-bindgen --target web --out-dir "$OUT" --remove-name-section --remove-producers-section "$WASM"

# -Oz without inlining functions into their only caller (-ocimfs 0): binaryen's one-caller
# inlining shrinks the raw module but makes it ~10 % larger once compressed, which is what a
# browser downloads (measured on the web demo: 252 KB gzip with it, 221 KB without).
#
# -iit (--ignore-implicit-traps): optimize as if loads, divisions and conversions never trap by
# themselves. Compiled Rust never relies on such a trap (bounds, zero divisors and overflow are
# checked in code and panic; float-to-int conversions saturate), so nothing observable changes.
# --low-memory-unused: the first 1 KB of memory is never used (the linker puts the stack first,
# growing down from 1 MB, and the data above it), so constant offsets fold into loads and stores.
# Together about 1.4 KB less gzip on the web demo.
say "wasm-opt $WASM_OPT_FLAGS"
# shellcheck disable=SC2086 # the flags are words
wasm-opt $WASM_OPT_FLAGS "$OUT/${CRATE}_bg.wasm" -o "$OUT/${CRATE}_bg.wasm.opt"
mv "$OUT/${CRATE}_bg.wasm.opt" "$OUT/${CRATE}_bg.wasm"

# Precompressed copies for the static server (web-demo/serve.py sends them by Accept-Encoding).
if command -v node >/dev/null; then
  say "precompress: .gz (level 9), .br (quality 11)"
  node -e '
    const zlib = require("zlib"), fs = require("fs");
    for (const file of process.argv.slice(1)) {
      const data = fs.readFileSync(file);
      fs.writeFileSync(file + ".gz", zlib.gzipSync(data, { level: 9 }));
      fs.writeFileSync(file + ".br", zlib.brotliCompressSync(data, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    }' "$OUT/${CRATE}_bg.wasm" "$OUT/$CRATE.js"
fi
printf '%s\n' "$STAMP" >"$OUT/.built-from"
