#!/usr/bin/env bash
# The C path beside the Rust path, same library build, same fixtures:
#   bash bindings/bench/run.sh [ROUNDS]
# Builds the release library (core only: --no-default-features) in its own
# target dir (BENCH_TARGET_DIR, default target/bindings-bench, so concurrent
# builds cannot swap it), bindings/c/bench.c against its staticlib (-O2) and
# bench_rs.rs with rustc against the core's rlib, the C ABI crate's source
# included as a module; runs them alternately twice, keeps
# each side's best median and prints the ratios. "C ABI(int.)" / "Rust(int.)"
# are bench_rs's own interleaved rounds (C ABI called from Rust vs the Rust
# API, same process), the fairest pair on a shared, noisy machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-11}"
fixtures="$(cd ../shared/bench/fixtures && pwd)"
target="${BENCH_TARGET_DIR:-$PWD/target/bindings-bench}"
out="$target/release/bindings-bench"
mkdir -p "$out"

# One cargo run builds both the C library (for bench.c) and the core rlib
# (for bench_rs), so they share one build of the core and of serde. The C ABI
# crate has no rlib: bench_rs compiles its source as a module (#[path]) and
# needs the core and the crates the ffi source uses (serde, serde_json) as
# externs; their exact files are read from cargo's artifact messages, since
# target/release/deps may hold several builds of each.
CARGO_TARGET_DIR="$target" cargo build --release -p cloudphone -p cloudphone-ffi --lib --no-default-features \
  --quiet --message-format=json > "$out/artifacts.json"
rlib() {
  python3 - "$1" "$out/artifacts.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
found = None
for line in open(path):
    msg = json.loads(line)
    if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == name:
        for f in msg["filenames"]:
            if f.endswith(".rlib"):
                found = f
if not found:
    sys.exit(f"no rlib of {name} in cargo's output")
print(found)
PY
}
core_rlib="$(rlib cloudphone)"
serde_rlib="$(rlib serde)"
serde_json_rlib="$(rlib serde_json)"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' bindings/ffi/Cargo.toml | head -1)"
cc -std=c11 -O2 -Wall -Wextra -Werror -pedantic -Iinclude bindings/c/bench.c \
  "$target/release/libcloudphone.a" -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o "$out/bench_c"
CARGO_PKG_VERSION="$version" rustc --edition 2024 -C opt-level=3 -C debuginfo=0 --crate-name bench_rs \
  bindings/bench/bench_rs.rs -o "$out/bench_rs" \
  --extern cloudphone="$core_rlib" --extern serde="$serde_rlib" --extern serde_json="$serde_json_rlib" \
  -L dependency="$target/release/deps"

: > "$out/results.txt"
for _ in 1 2; do
  "$out/bench_c" "$fixtures" "$rounds" >> "$out/results.txt"
  "$out/bench_rs" "$fixtures" "$rounds" >> "$out/results.txt"
done
awk '
  { k = $1 " " $2; if (!(k in best) || $3 < best[k]) best[k] = $3 }
  END {
    printf "ns/op (best of 2 medians)          C prog  C ABI(int.)  Rust(int.)  C ABI/Rust   Rust   C prog/Rust  Rust op-only\n"
    n = split("huawei.build_batch_connection_10 huawei.parse_batch_connection_10 geelark.build_status_100 geelark.parse_status_100", cs, " ")
    for (i = 1; i <= n; i++) {
      c = cs[i]; cv = best["c " c]; fv = best["ffi " c]; iv = best["rust-interleaved " c]; rv = best["rust " c]
      ov = best["rust " c (c ~ /build/ ? ".build_only" : ".parse_only")]
      printf "%-34s %7.0f %10.0f %11.0f %10.3fx %7.0f %10.3fx %10.0f\n", c, cv, fv, iv, fv / iv, rv, cv / rv, ov
    }
  }' "$out/results.txt"
