#!/usr/bin/env bash
# Core benchmarks beside the Python peers, in one run on this machine (issue 2, item 10).
#
#   bash scripts/bench_core.sh            # install what is missing, run everything, print the table
#   bash scripts/bench_core.sh --fresh    # same, but rebuild the throwaway venv from scratch
#
# What it does:
#   1. a throwaway venv in ${TMPDIR:-/tmp}/cloudphone-bench-venv with the official Huawei Cloud
#      SDK (huaweicloudsdkcph, pinned; it pulls huaweicloudsdkcore) and geelark-mcp + httpx;
#   2. the neutral nginx of ../shared/bench (serve.sh; Debian nginx-light, apt-get installed if
#      missing), because the peers also time a whole call; stopped again on exit;
#   3. ../shared/bench/peer_huawei_python.py and peer_geelark_python.py;
#   4. cargo bench --bench core (criterion medians from target/criterion/*/new/estimates.json);
#   5. a table: python µs, ours µs (median), ratio = python / ours.
# Quote ratios from one run, never a lone absolute time.
# Env: PYTHON (default python3), TMPDIR, CP_BENCH_DIR (nginx state, default /tmp/cp-bench-nginx).
set -euo pipefail

HUAWEICLOUDSDKCPH_VERSION="3.1.219"   # pulls huaweicloudsdkcore of the same version
HUAWEICLOUDSDKCORE_VERSION="3.1.219"  # the version the signer vectors were generated with
GEELARK_MCP_VERSION="0.1.0"
HTTPX_VERSION="0.28.1"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../shared/bench" 2>/dev/null && pwd)" || {
  echo "error: ../shared/bench not found beside the repository ($ROOT/../shared/bench)" >&2
  exit 1
}
VENV="${TMPDIR:-/tmp}/cloudphone-bench-venv"
PYTHON="${PYTHON:-python3}"

case "${1:-}" in
  "") ;;
  --fresh) rm -rf "$VENV" ;;
  -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--fresh]" >&2; exit 2 ;;
esac

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; return 1
  fi
}
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

log() { printf '==> %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------------------
command -v cargo >/dev/null || { echo "error: cargo not found (install Rust first)" >&2; exit 1; }
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  log "installing nginx-light (apt-get)"
  apt_install nginx-light
fi
export PATH="$PATH:/usr/sbin"
command -v "$PYTHON" >/dev/null || { log "installing python3 (apt-get)"; apt_install python3 python3-venv; }

# --- throwaway venv with the pinned peers -------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv $VENV"
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    log "installing python3-venv (apt-get)"
    apt_install python3-venv
    "$PYTHON" -m venv "$VENV"
  fi
fi
log "installing pinned peers into the venv (no-op when present)"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  "huaweicloudsdkcph==$HUAWEICLOUDSDKCPH_VERSION" \
  "huaweicloudsdkcore==$HUAWEICLOUDSDKCORE_VERSION" \
  "geelark-mcp==$GEELARK_MCP_VERSION" \
  "httpx==$HTTPX_VERSION"
PEER_VERSIONS="$("$VENV/bin/python" - <<'PY'
from importlib.metadata import version
print(", ".join(f"{p} {version(p)}" for p in
      ["huaweicloudsdkcph", "huaweicloudsdkcore", "geelark-mcp", "httpx", "pydantic"]))
PY
)"

# --- build ours first, so compiling does not overlap the peers' timing ----------------------------
log "building benches/core.rs"
(cd "$ROOT" && cargo bench --bench core --no-run --quiet)

# --- the neutral server -----------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cloudphone-bench.XXXXXX")"
cleanup() {
  bash "$BENCH/serve.sh" stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
log "starting the neutral nginx on 127.0.0.1:18080"
bash "$BENCH/serve.sh" start
"$VENV/bin/python" - <<'PY'
import time, urllib.request
for _ in range(50):
    try:
        urllib.request.urlopen(urllib.request.Request(
            "http://127.0.0.1:18080/open/v1/phone/status", data=b"{}", method="POST"), timeout=1).read()
        break
    except Exception:
        time.sleep(0.1)
else:
    raise SystemExit("error: the neutral nginx does not answer on 127.0.0.1:18080")
PY

# --- the peers ----------------------------------------------------------------------------------
log "peer: official Huawei Cloud Python SDK"
"$VENV/bin/python" "$BENCH/peer_huawei_python.py" | tee "$WORK/py_huawei.txt" >&2
log "peer: geelark-mcp pydantic models + hashlib signer + httpx"
"$VENV/bin/python" "$BENCH/peer_geelark_python.py" | tee "$WORK/py_geelark.txt" >&2

# --- ours -----------------------------------------------------------------------------------------
log "ours: cargo bench --bench core"
rm -rf "$ROOT/target/criterion/huawei" "$ROOT/target/criterion/geelark"
(cd "$ROOT" && cargo bench --bench core --quiet) >"$WORK/cargo_bench.txt" 2>&1 || {
  cat "$WORK/cargo_bench.txt" >&2; exit 1
}
grep -E '^[a-z]+/[a-z_0-9]+|time:' "$WORK/cargo_bench.txt" >&2 || true

# --- the table ------------------------------------------------------------------------------------
"$VENV/bin/python" - "$WORK" "$ROOT/target/criterion" "$PEER_VERSIONS" <<'PY'
import json, pathlib, platform, sys
work, crit, versions = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]

def peer(file):
    out = {}
    for line in (work / file).read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].endswith(" us/op"):
            out[parts[0]] = float(parts[1].split()[0])
    return out
py = {**peer("py_huawei.txt"), **peer("py_geelark.txt")}

def ours(bench_id):
    est = json.loads((crit / bench_id / "new" / "estimates.json").read_text())
    return est["median"]["point_estimate"] / 1000.0  # ns -> µs

rows = [  # (work, python figure, our benchmark)
    ("sign batch-connection (signer)", "sign_batch_connection", "huawei/sign_batch_connection"),
    ("  build+sign batch-connection 10", "sign_batch_connection", "huawei/build_batch_connection_10"),
    ("parse batch-connection 10", "parse_batch_connection_10", "huawei/parse_batch_connection_10"),
    ("GeeLark sign (key mode)", "sign_key_mode (plain python hashlib)", "geelark/sign_key_mode"),
    ("  GeeLark build+sign status 100", "sign_key_mode (plain python hashlib)", "geelark/build_status_100"),
    ("GeeLark parse status 100", "parse_status_100 (geelark-mcp pydantic)", "geelark/parse_status_100"),
]
w = max(len(r[0]) for r in rows)
print()
print(f"{'work':<{w}}  {'python µs':>10}  {'ours µs':>9}  {'ratio':>7}")
print(f"{'-' * w}  {'-' * 10}  {'-' * 9}  {'-' * 7}")
for name, pkey, bid in rows:
    p, o = py[pkey], ours(bid)
    print(f"{name:<{w}}  {p:>10.2f}  {o:>9.3f}  {p / o:>6.1f}x")
print()
print("ratio = python µs / ours µs (criterion median); indented rows: ours does more than the")
print("python figure (JSON body + signature vs signature alone).")
for k in ("e2e_batch_connection_10", "e2e_status_100 (httpx sync + pydantic)"):
    if k in py:
        print(f"python {k}: {py[k]:.2f} µs over keep-alive (for reference)")
print(f"peers: {versions}; Python {platform.python_version()}")
sign, parse = ours("huawei/sign_batch_connection"), ours("huawei/parse_batch_connection_10")
ratio = py["parse_batch_connection_10"] / parse
print(f"aim: Huawei signing < 3 µs: {'met' if sign < 3 else 'NOT met'} ({sign:.2f} µs); "
      f"parsing >= 50x the official SDK: {'met' if ratio >= 50 else 'NOT met'} ({ratio:.1f}x)")
PY
