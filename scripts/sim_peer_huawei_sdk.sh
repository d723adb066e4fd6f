#!/usr/bin/env bash
# Fidelity by peers: the OFFICIAL Huawei Cloud Python SDK (huaweicloudsdkcph,
# from PyPI, in a throwaway venv) against `cloudphone sim`. The simulator must
# accept the SDK's signatures (it signs Host with the port, Content-Type,
# User-Agent, X-Project-Id, X-Sdk-Date) and the SDK must parse every answer.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

SDK_VERSION=3.1.219
work=$(mktemp -d)
sim_pid=
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "huaweicloudsdkcph==$SDK_VERSION"

cargo build --quiet --features cli --bin cloudphone
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
"$target_dir/debug/cloudphone" --json sim --phones 50 --job-ms 300 >"$work/sim.json" 2>"$work/sim.err" &
sim_pid=$!

# Wait for the credentials document (it ends with a closing brace line).
for _ in $(seq 1 100); do
  if grep -q '^}$' "$work/sim.json" 2>/dev/null; then break; fi
  if ! kill -0 "$sim_pid" 2>/dev/null; then cat "$work/sim.err" >&2; exit 1; fi
  sleep 0.1
done
grep -q '^}$' "$work/sim.json" || { echo "the simulator printed no credentials" >&2; exit 1; }

"$work/venv/bin/python" scripts/sim_peer_huawei_sdk.py "$work/sim.json"
