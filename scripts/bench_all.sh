#!/usr/bin/env bash
# Every benchmark in one run on this machine, then the README's figures:
#   1. scripts/bench_core.sh   — sign/parse micro-benchmarks (criterion) beside the official
#      Huawei Python SDK and the GeeLark Python peer;
#   2. scripts/bench_client.sh — whole calls over keep-alive on the neutral loopback nginx:
#      our client vs wrk -t1 -c1 (the one-connection ceiling) vs the official Python SDK,
#      and the 10,000-phone GeeLark sweep at 1/4/16 calls in flight;
#   3. scripts/bench_render.py — the table and docs/benchmarks.svg, written into README.md
#      between the bench markers.
# Installs what it needs (nginx-light, wrk, python3-venv; Python peers in throwaway venvs).
# Quote the ratios: absolute times depend on the machine and its load.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${CP_BENCH_OUT:-target/bench-all}
mkdir -p "$out"
need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
python3 -m venv --help >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
bash scripts/bench_core.sh | tee "$out/core.txt"
bash scripts/bench_client.sh | tee "$out/client.txt"
python3 scripts/bench_render.py "$out/core.txt" "$out/client.txt" \
  --svg docs/benchmarks.svg --readme README.md
