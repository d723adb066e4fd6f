#!/usr/bin/env bash
# Runs the Python binding's pytest tests against libcloudphone:
#   bindings/python/run_tests.sh [pytest args]
# CLOUDPHONE_LIB picks the library (default: target/release or target/debug,
# see cloudphone/__init__.py). pytest comes from the current interpreter if it has it,
# else from a throwaway venv under target/bindings-venv (created once).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py="${PYTHON:-python3}"
if ! "$py" -c 'import pytest' >/dev/null 2>&1; then
  venv="${CARGO_TARGET_DIR:-$repo/target}/bindings-venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pytest' >/dev/null 2>&1; then
    # shellcheck source=../../scripts/venv.sh
    . "$repo/scripts/venv.sh"
    new_venv "$py" "$venv"
    "$venv/bin/python" -m pip install -q pytest
  fi
  py="$venv/bin/python"
fi
cd "$here"
exec "$py" -m pytest -q -p no:cacheprovider "$@" test_cloudphone.py
