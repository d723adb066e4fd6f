#!/usr/bin/env bash
# The Python package as a user gets it, on a fresh virtual environment:
#   1. `pip install ./bindings/python` (setuptools-rust builds libcloudphone
#      with cargo and puts it in the package);
#   2. `import cloudphone` from elsewhere, with no CLOUDPHONE_LIB, loads the
#      package's own library;
#   3. `mypy --strict` on the installed package (its py.typed is honoured);
#   4. the pytest suite runs against the installed package (the test file
#      copied out of the source tree, so the checkout cannot be imported);
#   5. `pip wheel` makes a platform wheel for any Python 3
#      (`py3-none-<platform>`: native code, no Python ABI);
#   6. that wheel installed into PyPy, where the suite runs again.
# Usage: scripts/python_package.sh  (needs PyPI for setuptools-rust, mypy, pytest)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
py="${PYTHON:-python3}"
# shellcheck source=venv.sh
. "$repo/scripts/venv.sh"
new_venv "$py" "$work/venv"
vpy="$work/venv/bin/python"
"$vpy" -m pip install -q --upgrade pip >/dev/null
unset CLOUDPHONE_LIB
echo "== pip install ./bindings/python"
"$vpy" -m pip install -q "$repo/bindings/python"
echo "== import from the installed package"
(cd "$work" && "$vpy" - <<'PY'
import os, sysconfig, cloudphone
site = sysconfig.get_paths()["purelib"]
assert cloudphone.__file__.startswith(site), cloudphone.__file__
lib = [f for f in os.listdir(os.path.dirname(cloudphone.__file__)) if f.startswith("_native")]
assert lib, "no native library in the package"
assert cloudphone.has_client()
print("cloudphone", cloudphone.version(), "from", os.path.dirname(cloudphone.__file__), "with", lib[0])
PY
)
"$vpy" -m pip install -q mypy pytest
echo "== mypy --strict on the installed package"
(cd "$work" && "$vpy" -m mypy --strict -p cloudphone)
echo "== pytest against the installed package"
mkdir "$work/tests"
cp "$repo/bindings/python/test_cloudphone.py" "$work/tests/"
# The suite, run by interpreter $1 from outside the checkout.
pytest_installed() {
  (cd "$work/tests" && CLOUDPHONE_EXPECT_CLIENT=1 \
    CLOUDPHONE_REPO="$repo" \
    "$1" -m pytest -q -p no:cacheprovider test_cloudphone.py)
}
pytest_installed "$vpy"
echo "== pip wheel"
"$vpy" -m pip wheel -q --no-deps -w "$work/wheels" "$repo/bindings/python"
wheel="$(ls "$work/wheels"/cloudphone-*.whl)"
# A platform wheel for any Python 3 (the library is native code that does
# not use the Python ABI: bindings/python/setup.py says why).
case "$(basename "$wheel")" in
  *none-any.whl) echo "not a platform wheel: $wheel" >&2; exit 1 ;;
  cloudphone-*-py3-none-*.whl) ;;
  *) echo "wheel tagged for one interpreter, expected py3-none-<platform>: $wheel" >&2; exit 1 ;;
esac
listing="$("$vpy" -m zipfile -l "$wheel")"
grep -Eq '^cloudphone/_native\.(so|dylib|dll) ' <<<"$listing" ||
  { echo "the wheel's library is not cloudphone/_native.<so|dylib|dll>" >&2; exit 1; }
echo "wheel: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"
# The same wheel on another interpreter: a py3-none wheel claims any Python
# 3, so it is installed into PyPy (Debian's pypy3, Python 3.9) and the test
# suite runs there too. Skipped, and said, where PyPy cannot be installed.
echo "== the wheel on PyPy"
if ! command -v pypy3 >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq pypy3 pypy3-venv >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq pypy3 pypy3-venv >/dev/null 2>&1; } || true
fi
if command -v pypy3 >/dev/null 2>&1 && pypy3 -m venv "$work/pypy" >/dev/null 2>&1; then
  "$work/pypy/bin/python" -m pip install -q "$wheel" pytest
  "$work/pypy/bin/python" -c 'import platform; print(platform.python_implementation(), platform.python_version())'
  pytest_installed "$work/pypy/bin/python"
else
  echo "PyPy is not installable here: the wheel was tried on CPython only"
fi
