#!/usr/bin/env bash
# The declared MSRV is the true one: fails when a crate in Cargo.lock declares a higher
# `rust-version` than the workspace's (`[workspace.package] rust-version` in Cargo.toml).
# The code itself is held to it by clippy's `incompatible_msrv` lint (part of `cargo clippy`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo metadata --format-version 1 --locked | python3 -c '
import json, sys

def version(v):
    return tuple(int(p) for p in v.split("."))[:3] + (0,) * (3 - len(v.split(".")))

meta = json.load(sys.stdin)
members = set(meta["workspace_members"])
declared = {p["rust_version"] for p in meta["packages"] if p["id"] in members and p.get("rust_version")}
if len(declared) != 1:
    sys.exit(f"check-msrv: the workspace members declare {sorted(declared) or chr(8212)} rust-version: expected one")
msrv = declared.pop()
higher = sorted(
    (version(p["rust_version"]), p["name"], p["version"], p["rust_version"])
    for p in meta["packages"]
    if p["id"] not in members and p.get("rust_version") and version(p["rust_version"]) > version(msrv)
)
if higher:
    for _, name, ver, needs in higher:
        print(f"check-msrv: {name} {ver} needs Rust {needs}", file=sys.stderr)
    sys.exit(f"check-msrv: {len(higher)} locked crate(s) need a newer Rust than the declared rust-version {msrv}: raise it, or lock older versions")
print(f"check-msrv: every locked crate builds with the declared rust-version {msrv}")
'
