#!/usr/bin/env bash
# CI entry point for the C / C++ / Python bindings (called by .ci/run):
#
#   bash bindings/run_all.sh
#
# 1. builds the library twice (debug): core only (--no-default-features) and
#    with the client (--features client), and stages each build's
#    header + libs + CMake config + .pc into target/bindings/<flavour>/prefix
#    (bindings/c/install.sh), so a concurrent cargo build cannot swap the
#    library under the tests;
# 2. checks the Linux link flags against `--print native-static-libs`;
# 3. the C example: make (static + shared), CMake (from the tree, then the
#    installed package), pkg-config (shared, and static), under valgrind, and
#    against the simulator (`cloudphone sim`, real signature checks), with the
#    Python client too;
# 4. the C++ wrapper's test (static and shared, each build) and valgrind;
# 5. the Python tests (pytest; each build);
# 6. ASan + UBSan over tests/c/*.c, the example and the C++ test, with a
#    deliberate-leak canary (bindings/c/sanitize.sh).
#
# Installs what it lacks (cmake, pkg-config, valgrind, g++, python3-venv) with
# apt-get when run as root. Idempotent: its outputs live under
# target/bindings/ and are recreated each run. Ends with
# "bindings: N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
target="${CARGO_TARGET_DIR:-$repo/target}"
work="$target/bindings"
seeds="$(cd "$repo/../shared/seeds" && pwd)"
native=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)
valgrind=(valgrind -q --leak-check=full
  --error-exitcode=99)
passed=0
failed=0
failures=()
t0=$(date +%s)

step() { printf '\n==> %s\n' "$*"; }

# check NAME COMMAND...: runs COMMAND, logs to $work/logs/NAME.log, counts it.
check() {
  local name="$1"; shift
  local log="$work/logs/$name.log"
  if "$@" > "$log" 2>&1; then
    passed=$((passed + 1))
    printf '  ok    %s\n' "$name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '  FAIL  %s (log: %s)\n' "$name" "$log"
    tail -n 40 "$log" | sed 's/^/        /'
  fi
}

# ------------------------------------------------------------------ tools
step "tools"
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v valgrind >/dev/null || need+=(valgrind)
command -v c++ >/dev/null || need+=(g++)
command -v cc >/dev/null || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; } ||
      { echo "cannot install ${need[*]}"; exit 1; }
  else
    echo "missing tools: ${need[*]} (not root or no apt-get)"; exit 1
  fi
fi
cmake --version | head -1; pkg-config --version; valgrind --version; cc --version | head -1

rm -rf "$work"
mkdir -p "$work/logs"

# ------------------------------------------------------------------ build
step "build and stage the library (debug; core only, then with the client)"
stage() { # flavour cargo-args...
  local flavour="$1"; shift
  cargo build -p cloudphone-ffi --quiet "$@" &&
    bash bindings/c/install.sh "$work/$flavour/prefix" --profile debug >/dev/null &&
    echo "staged $flavour: $(ls "$work/$flavour/prefix/lib")"
}
check build-core stage core --no-default-features
check build-client stage client --features client
P="$work/core/prefix"
PC="$work/client/prefix"
if [ ! -f "$P/lib/libcloudphone.a" ]; then
  echo "bindings: $passed passed, $failed failed (no library: ${failures[*]})"
  exit 1
fi

step "link flags: rustc's native-static-libs vs. what bindings/ ship"
native_libs_match() {
  local printed shipped
  printed="$(cargo rustc -p cloudphone-ffi --lib --quiet --no-default-features -- --print native-static-libs 2>&1 |
    sed -n 's/.*native-static-libs: //p' | tail -1)"
  shipped="$(bash bindings/c/gen_pc.sh --native-libs)"
  echo "rustc:   $printed"
  echo "shipped: $shipped"
  # The same libraries (order aside); the README and the Makefile say the same.
  [ "$(tr ' ' '\n' <<<"$printed" | sort -u)" = "$(tr ' ' '\n' <<<"$shipped" | sort -u)" ] &&
    grep -qF -- "$shipped" bindings/README.md &&
    grep -qF -- "$shipped" bindings/c/Makefile
}
check native-static-libs native_libs_match

# ---------------------------------------------------------------------- C
step "C example: make, CMake, pkg-config, valgrind"
mk() { make -s -C bindings/c LIBDIR="$P/lib" OUT="$work/make" all && "$work/make/example" &&
  "$work/make/example-shared"; }
check c-make mk

cmake_tree() {
  cmake -S bindings/c -B "$work/cmake-tree" -DCLOUDPHONE_LIBRARY_DIR="$P/lib" &&
    cmake --build "$work/cmake-tree" &&
    ctest --test-dir "$work/cmake-tree" --output-on-failure &&
    cmake --install "$work/cmake-tree" --prefix "$work/cmake-installed"
}
check c-cmake-tree cmake_tree
cmake_installed() {
  cmake -S bindings/c -B "$work/cmake-consumer" -DCLOUDPHONE_FROM_TREE=OFF \
    -DCMAKE_PREFIX_PATH="$work/cmake-installed" &&
    grep -q "cloudphone_DIR:PATH=$work/cmake-installed/lib/cmake/cloudphone" "$work/cmake-consumer/CMakeCache.txt" &&
    cmake --build "$work/cmake-consumer" &&
    ctest --test-dir "$work/cmake-consumer" --output-on-failure
}
check c-cmake-installed cmake_installed

pkgconfig_shared() {
  export PKG_CONFIG_PATH="$work/cmake-installed/lib/pkgconfig"
  pkg-config --exists --print-errors 'cloudphone >= 0.1' &&
    # shellcheck disable=SC2046
    cc -std=c11 -Wall -Wextra -Werror -pedantic bindings/c/example.c $(pkg-config --cflags --libs cloudphone) \
      -Wl,-rpath,"$(pkg-config --variable=libdir cloudphone)" -o "$work/example-pc-shared" &&
    readelf -d "$work/example-pc-shared" | grep -q 'NEEDED.*libcloudphone.so' &&
    "$work/example-pc-shared"
}
check c-pkgconfig-shared pkgconfig_shared
pkgconfig_static() {
  # Both libraries installed (the case that used to link the .so and fail
  # at run time): the cloudphone-static module names the archive itself, and
  # the default module carries an rpath, so both programs run as built.
  bash bindings/c/install.sh "$work/static-prefix" --profile debug >/dev/null &&
    export PKG_CONFIG_PATH="$work/static-prefix/lib/pkgconfig" &&
    # shellcheck disable=SC2046
    cc -std=c11 -Wall -Wextra -Werror -pedantic bindings/c/example.c \
      $(pkg-config --cflags --static --libs cloudphone-static) -o "$work/example-pc-static" &&
    ! readelf -d "$work/example-pc-static" | grep -q 'libcloudphone' &&
    "$work/example-pc-static" &&
    # shellcheck disable=SC2046
    cc -std=c11 -Wall -Wextra -Werror -pedantic bindings/c/example.c \
      $(pkg-config --cflags --libs cloudphone) -o "$work/example-pc-rpath" &&
    readelf -d "$work/example-pc-rpath" | grep -q 'NEEDED.*libcloudphone.so' &&
    env -u LD_LIBRARY_PATH "$work/example-pc-rpath" &&
    test -f "$work/static-prefix/include/cloudphone.hpp"
}
check c-pkgconfig-static pkgconfig_static
check c-example-valgrind "${valgrind[@]}" "$work/make/example"

# The example and the Python client against the simulator (`cloudphone sim`),
# which checks both providers' signatures with its own credentials.
simulator() {
  cargo build --quiet --features cli --bin cloudphone || return 1
  cp "$target/debug/cloudphone" "$work/cloudphone-sim"
  "$work/cloudphone-sim" sim --json --no-progress --phones 20 > "$work/sim.json" 2> "$work/sim.err" &
  local pid=$! rc=1 i
  for i in $(seq 100); do
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/sim.json" 2>/dev/null && break
    sleep 0.1
  done
  eval "$(python3 - "$work/sim.json" <<'PY'
import json, shlex, sys
d = json.load(open(sys.argv[1]))
env = {"SIM_URL": d["url"], "CLOUDPHONE_GEELARK_APP_ID": d["geelark"]["app_id"],
       "CLOUDPHONE_GEELARK_API_KEY": d["geelark"]["api_key"], "HUAWEICLOUD_SDK_AK": d["huawei"]["ak"],
       "HUAWEICLOUD_SDK_SK": d["huawei"]["sk"], "HUAWEICLOUD_SDK_PROJECT_ID": d["huawei"]["project_id"]}
print("\n".join("export %s=%s" % (k, shlex.quote(v)) for k, v in env.items()))
PY
)" &&
    "$work/make/example" "$SIM_URL" &&
    CLOUDPHONE_LIB="$PC/lib/libcloudphone.so" PYTHONPATH=bindings/python python3 - <<'PY' && rc=0
import os, urllib.error, urllib.request, cloudphone as cp
cfg = cp.GeelarkConfig.key(os.environ["CLOUDPHONE_GEELARK_APP_ID"], os.environ["CLOUDPHONE_GEELARK_API_KEY"],
                           endpoint=os.environ["SIM_URL"])
hw = cp.HuaweiConfig.aksk(os.environ["SIM_URL"], os.environ["HUAWEICLOUD_SDK_PROJECT_ID"],
                          os.environ["HUAWEICLOUD_SDK_AK"], os.environ["HUAWEICLOUD_SDK_SK"])

def send(req):
    r = urllib.request.Request(req.url, data=req.body or None, method=req.method, headers=dict(req.headers))
    try:
        with urllib.request.urlopen(r, timeout=10) as a:
            return a.status, a.headers.items(), a.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.items(), e.read()

# Sans-IO from Python: list the simulator's phones, page on, ask their status.
req = cfg.list_phones_request(1, 5)
page = req.parse(*send(req))
nxt = req.next_request(page)
page2 = nxt.parse(*send(nxt))
ids = page.item_ids + page2.item_ids
assert page.total == 20 and len(set(ids)) == 10, (page.total, ids)
st = cfg.get_phone_status_request(ids)
res = st.parse(*send(st))
assert sorted(p.id for p in res.phone_states) == sorted(ids) and not res.failures, res.to_json()
print("geelark sans-IO via simulator: %d phones listed over 2 pages, statuses %s"
      % (len(ids), sorted({p.status for p in res.phone_states})))
lst = hw.list_phones_request(0, 10)
hp = lst.parse(*send(lst))
conn = hw.show_connect_infos_request(hp.item_ids)
bc = conn.parse(*send(conn))
assert len(bc.connect_infos) + len(bc.failures) == len(hp.item_ids) == 10, bc.to_json()
print("huawei sans-IO via simulator: %d phones, %d connectable" % (len(hp.item_ids), len(bc.connect_infos)))

# The blocking client from Python.
with cp.GeelarkClient(cfg, timeout_ms=5000) as client:
    out = client.get_phone_status(ids + ["no-such-phone"])
print("python client via simulator:", len(out.succeeded), "succeeded,", [(f.id, f.code) for f in out.failed])
assert len(out.succeeded) == 10 and [(f.id, f.status_name, f.code) for f in out.failed] == [
    ("no-such-phone", "api", "42001")], out.failed
bad = cp.GeelarkConfig.key(os.environ["CLOUDPHONE_GEELARK_APP_ID"], "wrong-key", endpoint=os.environ["SIM_URL"])
out = cp.GeelarkClient(bad, timeout_ms=5000).get_phone_status(["x"])
print("wrong key:", [(f.status_name, f.code) for f in out.failed])
assert out.failed and out.failed[0].status_name == "auth", out.failed

# Any other operation through the clients: the request names it, the client
# signs and sends it (a Huawei client from the environment).
offline = cp.GeelarkConfig.token("unused", endpoint="http://127.0.0.1:9")
with cp.GeelarkClient(cfg, timeout_ms=5000) as client:
    stopped = client.call(offline.stop_phones_request(ids[:3]))
assert stopped.operation == "geelark.stop_phones" and sorted(stopped.item_ids) == sorted(ids[:3]), stopped.to_json()
os.environ.update(CLOUDPHONE_HUAWEI_ENDPOINT=os.environ["SIM_URL"])
with cp.HuaweiClient.from_env(timeout_ms=5000) as client:
    listed = client.call(hw.list_phones_request(0, 5))
    restarted = client.call(hw.restart_phones_request(listed.item_ids[:2]))
assert listed.total == 20 and len(listed.item_ids) == 5, listed.to_json()
assert [i.job_id is not None for i in restarted.items] == [True, True], restarted.to_json()
print("python client.call via simulator: geelark stop %d, huawei list %d of %d, restart jobs %s"
      % (len(stopped.item_ids), len(listed.item_ids), listed.total, [i.job_id for i in restarted.items]))
PY
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return $rc
}
check c-example-and-python-client-simulator simulator

# -------------------------------------------------------------------- C++
step "C++ wrapper: -std=c++17 -Wall -Wextra -Werror -pedantic, valgrind"
cxx=(c++ -std=c++17 -Wall -Wextra -Werror -pedantic -g -O1 -Ibindings/cpp)
cpp_build() { # flavour link(static|shared)
  local pfx="$work/$1/prefix" exe="$work/cpp-test-$1-$2"
  if [ "$2" = static ]; then
    "${cxx[@]}" -I"$pfx/include" bindings/cpp/test.cpp "$pfx/lib/libcloudphone.a" "${native[@]}" -o "$exe"
  else
    "${cxx[@]}" -I"$pfx/include" bindings/cpp/test.cpp -L"$pfx/lib" -lcloudphone -Wl,-rpath,"$pfx/lib" -o "$exe"
  fi
}
cpp_case() { # flavour link expect-client
  cpp_build "$1" "$2" &&
    CLOUDPHONE_EXPECT_CLIENT="$3" "$work/cpp-test-$1-$2" "$seeds" &&
    CLOUDPHONE_EXPECT_CLIENT="$3" "${valgrind[@]}" "$work/cpp-test-$1-$2" "$seeds"
}
check cpp-core-static cpp_case core static 0
check cpp-core-shared cpp_case core shared 0
check cpp-client-static cpp_case client static 1

# ----------------------------------------------------------------- Python
step "Python wrapper: pytest"
check python-core env CLOUDPHONE_LIB="$P/lib/libcloudphone.so" CLOUDPHONE_EXPECT_CLIENT=0 \
  CLOUDPHONE_SEEDS="$seeds" bash bindings/python/run_tests.sh
check python-client env CLOUDPHONE_LIB="$PC/lib/libcloudphone.so" CLOUDPHONE_EXPECT_CLIENT=1 \
  CLOUDPHONE_SEEDS="$seeds" bash bindings/python/run_tests.sh
grep -h -E '^[0-9]+ passed' "$work/logs/python-"*.log | sed 's/^/  pytest: /'

# ---------------------------------------------------------------- sanitizers
step "ASan + UBSan (tests/c/*.c, example, C++ test, leak canary)"
check asan-ubsan bash bindings/c/sanitize.sh "$P/lib" "$work/asan"
grep -E '^  (ok|FAIL)|^sanitizers:' "$work/logs/asan-ubsan.log" | sed 's/^/  /'

step "README: snippets are taken from the tested sources"
check readme-snippets python3 bindings/check_readme.py

# ------------------------------------------------------------------ summary
echo
[ "$failed" = 0 ] || printf 'failed: %s\n' "${failures[*]}"
printf 'bindings: %d passed, %d failed (%ss)\n' "$passed" "$failed" "$(($(date +%s) - t0))"
[ "$failed" = 0 ]
