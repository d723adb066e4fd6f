#!/usr/bin/env bash
# Side-by-side whole-call benchmark of the blocking client, on the neutral
# loopback nginx of ../shared/bench (fixed JSON answers, keep-alive):
#   1. ours: batch-connection with 10 ids (build, sign, send, parse), one thread;
#   2. wrk -t1 -c1: what one connection can do at best (the ceiling);
#   3. the official Huawei Python SDK (huaweicloudsdkcph, throwaway venv);
#   4. GeeLark fleet sweep: status of 10,000 phones (100 calls) with 1/4/16 in flight.
# Needs: apt-get install -y nginx-light wrk; python3-venv. Quote ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${CP_BENCH_SHARED:-../shared/bench}
secs=${CP_BENCH_SECONDS:-3}
venv=${CP_BENCH_VENV:-/tmp/cp-bench-venv}
url=http://127.0.0.1:18080
for tool in nginx wrk python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx-light wrk python3-venv)" >&2; exit 1; }
done
out=$(mktemp -d)
bash "$bench/serve.sh" start
trap 'bash "$bench/serve.sh" stop' EXIT

echo "== ours (cargo bench --features client --bench client_loopback)"
cargo bench -q --features client --bench client_loopback -- --url "$url" --seconds "$secs" | tee "$out/ours"

echo "== wrk -t1 -c1 (one-connection ceiling)"
wrk -t1 -c1 -d5s -s "$bench/wrk_post.lua" "$url/v1/p/cloud-phone/phones/batch-connection" | tee "$out/wrk"
wrk -t1 -c1 -d5s -s "$bench/wrk_post_geelark.lua" "$url/open/v1/phone/status" | tee "$out/wrk_geelark"

echo "== official Huawei Python SDK (peer_huawei_python.py)"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import huaweicloudsdkcph' 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q huaweicloudsdkcph
fi
"$venv/bin/python" "$bench/peer_huawei_python.py" | tee "$out/peer"

ours=$(awk -F'\t' '/^e2e_batch_connection_10 \(execute\)/ {split($3,a," "); print a[1]}' "$out/ours")
ceiling=$(awk '/^Requests\/sec/ {print int($2)}' "$out/wrk")
peer=$(awk -F'\t' '/^e2e_batch_connection_10/ {split($3,a," "); print a[1]}' "$out/peer")
echo "== summary (batch-connection, 10 ids, one connection)"
awk -v o="$ours" -v c="$ceiling" -v p="$peer" 'BEGIN {
  printf "ours %d calls/s | wrk ceiling %d req/s | official Python SDK %d calls/s\n", o, c, p;
  printf "ours / ceiling = %.0f%% (aim >= 60%%) | ours / Python SDK = %.1fx (aim >= 30x)\n", 100*o/c, o/p }'
