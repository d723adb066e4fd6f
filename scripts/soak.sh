#!/usr/bin/env bash
# Soak test of the blocking client against the simulator with faults on (issue 7).
#
#   bash scripts/soak.sh            # 60 s
#   bash scripts/soak.sh 300        # 5 minutes
#   bash scripts/soak.sh 30 --threads 32 --seed 7 --max-rss-growth-mib 16
#
# Builds examples/soak.rs in release and runs it: many worker threads, a mixed
# workload over both providers (batch fan-outs, lists, restarts, shells, jobs,
# IAM tokens, GeeLark start/stop, clients built and dropped), random seeded
# faults injected all along, the simulator in a child process. Prints a
# summary (operations and ids accounted for, errors by kind, RSS start / after
# warm-up / peak / end, threads and sockets before and after) and exits non-zero
# when RSS grows past the limit after the warm-up, when threads or sockets are
# left behind once the clients are dropped, or when anything is unaccounted.
# Loopback only; Linux (reads /proc/self).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
[ $# -gt 0 ] && shift
cargo build --release --quiet --features sim --example soak
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
exec "$target_dir/release/examples/soak" "$secs" "$@"
