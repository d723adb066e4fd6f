#!/usr/bin/env bash
# Fidelity by peers: geelark-mcp (PyPI 0.1.0, a community GeeLark MCP server;
# it imports only with mcp<2), in a throwaway venv, driven over MCP stdio
# against `cloudphone sim`. Prints a line per tool and the pass count;
# exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
sim_pid=
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "geelark-mcp==0.1.0" "mcp<2"

cargo build --quiet --features cli --bin cloudphone
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
"$target_dir/debug/cloudphone" --json sim --phones 30 --job-ms 300 >"$work/sim.json" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do
  if grep -q '^}$' "$work/sim.json" 2>/dev/null; then break; fi
  if ! kill -0 "$sim_pid" 2>/dev/null; then cat "$work/sim.err" >&2; exit 1; fi
  sleep 0.1
done
grep -q '^}$' "$work/sim.json" || { echo "the simulator printed no credentials" >&2; exit 1; }

# The phone ids (the MCP tools take ids), added to the credentials document.
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/sim.json")
CLOUDPHONE_GEELARK_ENDPOINT="$url" \
CLOUDPHONE_GEELARK_TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["geelark"]["token"])' "$work/sim.json") \
  "$target_dir/debug/cloudphone" --json geelark list >"$work/phones.json"
python3 - "$work/sim.json" "$work/phones.json" <<'PY'
import json, sys
creds = json.load(open(sys.argv[1]))
creds["phones"] = [p["id"] for p in json.load(open(sys.argv[2]))["phones"]]
json.dump(creds, open(sys.argv[1], "w"))
PY
# A certificate for the TLS front (geelark-mcp takes only https://), and the
# stub adb it insists on finding at start-up.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
printf '#!/bin/sh\necho "List of devices attached"\n' >"$work/adb"
chmod +x "$work/adb"
"$work/venv/bin/python" scripts/sim_peer_geelark_mcp.py "$work/sim.json" "$work/venv/bin/geelark-mcp" \
  "$work/cert.pem" "$work/key.pem" "$work/adb"
