#!/usr/bin/env bash
# The MSRV job: the library, the C ABI crate and the CLI build with the Rust
# version Cargo.toml declares (`rust-version`), with every feature and with
# none. Installs that toolchain with rustup (minimal profile) when missing.
# (Clippy's incompatible_msrv lint, in the normal clippy step, also flags
# std APIs newer than the declaration.)
set -euo pipefail
cd "$(dirname "$0")/.."
v=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ -n "$v" ] || { echo "no rust-version in Cargo.toml" >&2; exit 1; }
# rustup names the toolchain by its full version: 1.85 is 1.85.0.
case "$v" in *.*.*) ;; *) v="$v.0" ;; esac
rustup toolchain list | grep -q "^$v" || rustup toolchain install "$v" --profile minimal >/dev/null
target="${CARGO_TARGET_DIR:-$PWD/target}/msrv"
for features in --all-features --no-default-features; do
  echo "== cargo +$v check --workspace $features --lib --bins"
  if ! log=$(cargo "+$v" check -q --workspace "$features" --lib --bins --target-dir "$target" 2>&1); then
    echo "$log" >&2
    echo "MSRV $v: build failed ($features)" >&2
    exit 1
  fi
done
echo "MSRV $v: builds"
