#!/usr/bin/env bash
# Regenerate tests/fixtures/huawei/sign_vectors.json with the OFFICIAL Huawei Cloud
# Python SDK core signer (huaweicloudsdkcore, pinned below) in a throwaway venv.
#
#   bash scripts/gen_huawei_sign_vectors.sh           # (re)write the fixture
#   bash scripts/gen_huawei_sign_vectors.sh --check   # regenerate to a temp file and diff
#                                                     # against the committed fixture
# Env: PYTHON (default python3), TMPDIR (venv lives in $TMPDIR/cloudphone-sdkcore-venv).
set -euo pipefail

SDKCORE_VERSION="3.1.219"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURE="$ROOT/tests/fixtures/huawei/sign_vectors.json"
PY_SCRIPT="$ROOT/scripts/gen_huawei_sign_vectors.py"
VENV="${TMPDIR:-/tmp}/cloudphone-sdkcore-venv"
PYTHON="${PYTHON:-python3}"

mode="write"
case "${1:-}" in
  "") ;;
  --check) mode="check" ;;
  -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

installed_version() {
  "$VENV/bin/python" -c 'from importlib.metadata import version; print(version("huaweicloudsdkcore"))' 2>/dev/null || true
}

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
if [ "$(installed_version)" != "$SDKCORE_VERSION" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "huaweicloudsdkcore==$SDKCORE_VERSION"
fi
if [ "$(installed_version)" != "$SDKCORE_VERSION" ]; then
  echo "error: huaweicloudsdkcore $SDKCORE_VERSION not installed in $VENV" >&2
  exit 1
fi

if [ "$mode" = "write" ]; then
  "$VENV/bin/python" "$PY_SCRIPT" --output "$FIXTURE"
  exit 0
fi

tmp="$(mktemp "${TMPDIR:-/tmp}/sign_vectors.XXXXXX.json")"
trap 'rm -f "$tmp"' EXIT
"$VENV/bin/python" "$PY_SCRIPT" --output "$tmp"
if [ ! -f "$FIXTURE" ]; then
  echo "error: $FIXTURE does not exist" >&2
  exit 1
fi
if diff -u "$FIXTURE" "$tmp"; then
  echo "ok: $FIXTURE is up to date (huaweicloudsdkcore $SDKCORE_VERSION)" >&2
else
  echo "error: $FIXTURE differs from freshly generated vectors" >&2
  exit 1
fi
