#!/usr/bin/env bash
# Per-call cost of the blocking client beside wrk, one run, on the neutral
# loopback nginx of ../shared/bench (fixed JSON answers, keep-alive):
#   - client CPU per call (getrusage over N calls, every thread) and calls/s
#     for batch-connection(10) and GeeLark status(100) at 1, 4 and 16 in flight;
#   - wrk -t1 -cK on the same URLs and bodies: requests/s and wrk's own CPU
#     per request (user+sys of the wrk process, /usr/bin/time);
#   - the same at 1 in flight with client and nginx (or wrk and nginx) pinned
#     to one core (taskset -c 0), where the round trip is not latency-bound.
# Needs: apt-get install -y nginx-light wrk time. Usage: scripts/bench_percall.sh [calls]
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${CP_BENCH_SHARED:-../shared/bench}
calls=${1:-20000}
url=http://127.0.0.1:18080
for tool in nginx wrk taskset /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx-light wrk time util-linux)" >&2; exit 1; }
done
cargo bench -q --features client --bench client_loopback --no-run 2>/dev/null
bin=$(ls -t target/release/deps/client_loopback-* | grep -v '\.d$' | head -1)
bash "$bench/serve.sh" start
trap 'bash "$bench/serve.sh" stop' EXIT
nginx_pids() { pgrep -f "nginx: (master|worker)" | tr '\n' ' '; }

# wrk_line NAME PATH LUA CONNECTIONS [PIN]: requests/s and wrk's CPU per request.
wrk_line() {
  local name=$1 path=$2 lua=$3 conns=$4 pin=${5:-} out
  out=$( { ${pin:+taskset -c 0} /usr/bin/time -f "TIME %U %S" wrk -t1 -c"$conns" -d5s -s "$bench/$lua" "$url$path"; } 2>&1)
  awk -v n="$name" -v c="$conns" '/requests in/ {r=$1} /^Requests\/sec/ {rps=$2} /^TIME/ {cpu=$2+$3}
    END { printf "wrk\t%s\tin_flight=%d\t%.1f us CPU/req (wrk alone)\t%.0f req/s\n", n, c, cpu*1e6/r, rps }' <<<"$out"
}

echo "== not pinned"
for k in 1 4 16; do
  "$bin" --url "$url" --cpu-calls "$calls" --op huawei --in-flight "$k"
  wrk_line huawei /v1/p/cloud-phone/phones/batch-connection wrk_post.lua "$k"
  "$bin" --url "$url" --cpu-calls "$((calls / 4))" --op geelark --in-flight "$k"
  wrk_line geelark /open/v1/phone/status wrk_post_geelark.lua "$k"
done
echo "== pinned: client (or wrk) and nginx on core 0, one in flight"
for p in $(nginx_pids); do taskset -pc 0 "$p" >/dev/null; done
taskset -c 0 "$bin" --url "$url" --cpu-calls "$calls" --op huawei --in-flight 1
wrk_line huawei /v1/p/cloud-phone/phones/batch-connection wrk_post.lua 1 pin
taskset -c 0 "$bin" --url "$url" --cpu-calls "$((calls / 4))" --op geelark --in-flight 1
wrk_line geelark /open/v1/phone/status wrk_post_geelark.lua 1 pin
