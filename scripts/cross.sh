#!/usr/bin/env bash
# Builds cloudphone for the hosts that embed it, and runs its tests on
# foreign architectures under qemu-user, so pointer width and byte order
# are proven rather than assumed.
#
#   scripts/cross.sh           everything below
#   scripts/cross.sh --quick   the part .ci/run runs: one Android and one
#                              iOS static library (built without LTO: that
#                              the targets build, not their size), the
#                              sans-IO tests on s390x (bad-input catalogue
#                              aside: 2 min under emulation) and the unit
#                              tests plus the signature and request tests
#                              on armv7
#
# 1. Static libraries of the C ABI without the client (the sans-IO core: no
#    TLS, no C toolchain needed; mobile hosts bring their own HTTP stack)
#    for aarch64-linux-android, armv7-linux-androideabi, aarch64-apple-ios
#    and aarch64-apple-ios-sim, with their sizes. A target whose prebuilt
#    standard library rustup cannot fetch gets one built from rust-src
#    (full mode; the quick mode reports and skips it). In full mode, a
#    small C host (bindings/c/mobile/host.c) is linked against each archive
#    as the app's linker would, with rustup's lld: the link is proven and
#    the stripped size of a real use measured.
# 2. The test suite on s390x-unknown-linux-gnu (64-bit, big-endian) and
#    armv7-unknown-linux-gnueabihf (32-bit), linked with Debian's cross gcc
#    and run by qemu-user: the sans-IO tests (signatures byte-exact, every
#    request and response snapshot, bad input, batch properties); in full
#    mode also the blocking client against the simulator (HTTP, no TLS).
# 3. Full mode: Windows (x86_64-pc-windows-gnu, mingw-w64) under Wine: the
#    same tests, and the C tests against the static library and the DLL.
#
# Installs what it lacks: the rustup targets, and (as root) from Debian
# qemu-user, the cross compilers, clang and llvm (the mobile host link),
# mingw-w64 and Wine.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1

apt_install() {
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || {
    echo "missing $*; install them (Debian: apt-get install $*)" >&2
    exit 1
  }
  apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }
}

have_target() { rustup target list --installed | grep -qx "$1"; }
add_target() {
  have_target "$1" && return 0
  rustup target add "$1" >/dev/null 2>&1 || return 1
}

declare -a report

# Links bindings/c/mobile/host.c (build, send-less parse, free: three C
# functions and their frees) against a mobile archive as the app's linker
# would — Android: a JNI-style shared object with --gc-sections and the
# archive's symbols hidden; iOS: a dylib with -dead_strip — using clang for
# the object and rustup's own lld (ld.lld / ld64.lld) for the link, so no
# NDK or Xcode is needed. What the platform's libc or libSystem provides
# stays undefined; anything of ours left undefined fails. Prints the
# stripped size: what an app ships for that use.
link_host() {
  local t="$1" lib="$2" out ctarget
  local lld
  lld="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/rust-lld"
  command -v clang >/dev/null 2>&1 || apt_install clang
  command -v llvm-nm >/dev/null 2>&1 || apt_install llvm
  out="target/$t/host-link"
  mkdir -p "$out"
  case "$t" in
    aarch64-linux-android) ctarget=aarch64-linux-android24 ;;
    armv7-linux-androideabi) ctarget=armv7a-linux-androideabi24 ;;
    aarch64-apple-ios) ctarget=arm64-apple-ios14.0 ;;
    aarch64-apple-ios-sim) ctarget=arm64-apple-ios14.0-simulator ;;
  esac
  clang --target="$ctarget" -ffreestanding -O2 -fPIC -Iinclude \
    -c bindings/c/mobile/host.c -o "$out/host.o"
  local bin
  case "$t" in
    *-android*)
      bin="$out/libhost.so"
      "$lld" -flavor gnu -shared --gc-sections --exclude-libs ALL \
        -o "$bin" "$out/host.o" "$lib" ;;
    *)
      local plat=ios
      [ "$t" = aarch64-apple-ios-sim ] && plat=ios-simulator
      bin="$out/libhost.dylib"
      "$lld" -flavor darwin -arch arm64 -platform_version "$plat" 14.0 14.0 -dylib \
        -dead_strip -undefined dynamic_lookup \
        -exported_symbol _cloudphone_host_status_count -o "$bin" "$out/host.o" "$lib" ;;
  esac
  # Ours: the C API, Rust symbols (legacy _ZN and v0 _R manglings).
  local undefined ours
  undefined="$(llvm-nm -u "$bin")"
  ours="$(grep -E '(^|[ _])(cloudphone_|_?_ZN|_?_R[A-Z])' <<<"$undefined" || true)"
  if [ -n "$ours" ]; then
    echo "$t: the linked host leaves symbols of ours undefined:" >&2
    echo "$ours" >&2
    exit 1
  fi
  llvm-strip "$bin" 2>/dev/null || true
  echo "a host using 3 functions links ($(basename "$bin"), $(( $(stat -c %s "$bin") / 1024 )) KiB stripped; $(grep -c . <<<"$undefined") symbols left to the platform's libc/libSystem)"
}

# ------------------------------------------------------ mobile static libs
if [ "$quick" = 1 ]; then
  mobile=(aarch64-linux-android aarch64-apple-ios)
else
  mobile=(aarch64-linux-android armv7-linux-androideabi aarch64-apple-ios aarch64-apple-ios-sim)
fi
for t in "${mobile[@]}"; do
  build_std=()
  if ! add_target "$t"; then
    # rustup's mirror may lack a target's prebuilt standard library (here it
    # answers 404 for aarch64-apple-ios-sim). Then build std from the rust-src
    # component for that target (cargo's -Zbuild-std, enabled on the stable
    # compiler through RUSTC_BOOTSTRAP): the same std sources, compiled with
    # this profile's settings, so the archive is smaller than one linked
    # against the prebuilt std and its size is not comparable.
    if [ "$quick" = 0 ] && rustup component add rust-src >/dev/null 2>&1; then
      build_std=(-Zbuild-std=std,panic_abort)
    else
      report+=("$t: skipped (rustup could not fetch its standard library)")
      continue
    fi
  fi
  echo "== $t: static library (sans-IO core + C ABI, no client)"
  if [ "$quick" = 1 ]; then
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo rustc -q -p cloudphone-ffi --lib --release --no-default-features \
      --target "$t" --crate-type staticlib
    report+=("$t: static library builds (no LTO; run without --quick for sizes)")
    continue
  fi
  # What a mobile host ships: the size-optimised profile.
  ${build_std[@]+env RUSTC_BOOTSTRAP=1} cargo rustc -q -p cloudphone-ffi --lib --profile release-small \
    --no-default-features --target "$t" --crate-type staticlib ${build_std[@]+"${build_std[@]}"}
  lib="target/$t/release-small/libcloudphone.a"
  kib=$(( $(stat -c %s "$lib") / 1024 ))
  how="archive, before the app's dead-code stripping"
  [ ${#build_std[@]} -gt 0 ] && how="$how; std built from rust-src (-Zbuild-std)"
  report+=("$t: $lib ${kib} KiB ($how)")
  report+=("$t: $(link_host "$t" "$lib")")
done

# ------------------------------------------------ tests under qemu-user
command -v qemu-s390x >/dev/null 2>&1 || apt_install qemu-user
command -v s390x-linux-gnu-gcc >/dev/null 2>&1 ||
  apt_install gcc-s390x-linux-gnu libc6-dev-s390x-cross
command -v arm-linux-gnueabihf-gcc >/dev/null 2>&1 ||
  apt_install gcc-arm-linux-gnueabihf libc6-dev-armhf-cross

export CARGO_TARGET_S390X_UNKNOWN_LINUX_GNU_LINKER=s390x-linux-gnu-gcc
export CARGO_TARGET_S390X_UNKNOWN_LINUX_GNU_RUNNER="qemu-s390x -L /usr/s390x-linux-gnu"
export CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_LINKER=arm-linux-gnueabihf-gcc
export CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_RUNNER="qemu-arm -L /usr/arm-linux-gnueabihf"
# The proptest batch properties: fewer cases under emulation.
export PROPTEST_CASES="${PROPTEST_CASES:-64}"

# The sans-IO tests: everything that needs neither the client nor a host C
# compiler (tests/c_api.rs builds C for the host; tests/header.rs runs
# cbindgen, which does not depend on the target).
sans_io=(--lib --test requests --test responses --test geelark_requests
  --test geelark_responses --test huawei_fleet --test huawei_signer
  --test json_path --test bad_input --test batch_props --test safety)
with_client=(--test client_huawei --test client_geelark --test client_generic
  --test client_bounds --test sim_providers)

# Runs `cargo test -p cloudphone --target T ARGS...` (through the target's
# runner: qemu or Wine), shows its result lines, stops the script naming
# WHAT if a test fails, and leaves the number passed in $tests_passed.
run_tests() {
  local t="$1" what="$2" log
  shift 2
  log=$(mktemp)
  INSTA_UPDATE=no cargo test -q -p cloudphone --target "$t" "$@" 2>&1 | tee "$log" |
    grep -E '^test result|FAILED|panicked' || true
  if grep -q -E 'FAILED|error(\[|:)' "$log"; then
    rm -f "$log"
    echo "$t: $what failed" >&2
    exit 1
  fi
  tests_passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s += $1} END {print s + 0}')
  rm -f "$log"
}

for t in s390x-unknown-linux-gnu armv7-unknown-linux-gnueabihf; do
  add_target "$t" || { echo "rustup could not add $t" >&2; exit 1; }
  tests=("${sans_io[@]}")
  if [ "$quick" = 1 ]; then
    case "$t" in
      s390x-*) tests=(--lib --test requests --test responses --test geelark_requests
        --test geelark_responses --test huawei_fleet --test huawei_signer --test json_path
        --test batch_props --test safety) ;;
      *) tests=(--lib --test huawei_signer --test requests --test geelark_requests) ;;
    esac
  fi
  echo "== $t: sans-IO tests under qemu"
  run_tests "$t" "sans-IO tests" --no-default-features "${tests[@]}"
  line="$t: sans-IO tests ${tests_passed} passed"
  if [ "$quick" = 0 ]; then
    echo "== $t: client tests against the simulator under qemu"
    run_tests "$t" "client tests" --no-default-features --features client,sim "${with_client[@]}"
    line="$line; client+simulator tests ${tests_passed} passed"
  fi
  report+=("$line")
done

# ------------------------------------------------ Windows under Wine (full)
# x86_64-pc-windows-gnu (LLP64: `long` is 32 bits) linked by mingw-w64 and
# run by Wine: the sans-IO tests, the client against the simulator over
# loopback, and the C tests compiled by mingw gcc (-Werror -pedantic)
# against the static library and the DLL. client.c is left out (its
# loopback server is POSIX sockets), and so is the test that rebuilds the
# main-job example with the host's cargo (a Linux program Wine cannot start).
windows() {
  local t=x86_64-pc-windows-gnu
  if ! add_target "$t"; then
    report+=("$t: skipped (rustup could not fetch its standard library)")
    return 0
  fi
  command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || apt_install gcc-mingw-w64-x86-64
  local wine=/usr/lib/wine/wine64
  [ -x "$wine" ] || wine="$(command -v wine64 || true)"
  if [ -z "$wine" ] || [ ! -x "$wine" ]; then
    apt_install wine64
    wine=/usr/lib/wine/wine64
  fi
  mkdir -p "target/$t"
  export WINEPREFIX="$PWD/target/$t/wineprefix" WINEDEBUG=-all
  "$wine" cmd /c exit >/dev/null 2>&1 || true # creates the prefix
  # Rust's std calls ProcessPrng from bcryptprimitives.dll (Windows 10 and
  # later have it); Wine 8, Debian 12's, does not. A five-line stand-in that
  # forwards to BCryptGenRandom is built with mingw and put in the prefix.
  local sys32="$WINEPREFIX/drive_c/windows/system32"
  if [ ! -f "$sys32/bcryptprimitives.dll" ] &&
    ! ls /usr/lib/*/wine/x86_64-windows/bcryptprimitives.dll >/dev/null 2>&1; then
    local shim="target/$t/bcryptprimitives.c"
    printf '%s\n' '#include <windows.h>' '#include <bcrypt.h>' \
      'BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {' \
      '  return BCryptGenRandom(NULL, data, (ULONG)len, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;' \
      '}' >"$shim"
    x86_64-w64-mingw32-gcc -O2 -shared -o "$sys32/bcryptprimitives.dll" "$shim" -lbcrypt
  fi
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$wine"
  local passed cpassed log
  echo "== $t: sans-IO tests under Wine"
  run_tests "$t" "sans-IO tests" --no-default-features "${sans_io[@]}"
  passed=$tests_passed
  echo "== $t: client tests against the simulator under Wine"
  run_tests "$t" "client tests" --no-default-features --features client,sim "${with_client[@]}" \
    -- --skip the_main_job_example_runs_on_the_simulator
  cpassed=$tests_passed
  log=$(mktemp)
  echo "== $t: C tests (mingw gcc) against the static library and the DLL under Wine"
  cargo rustc -q -p cloudphone-ffi --lib --target "$t" --crate-type staticlib
  cargo rustc -q -p cloudphone-ffi --lib --target "$t" --crate-type cdylib
  local libdir="${CARGO_TARGET_DIR:-target}/$t/debug" out="target/$t/c-tests" n=0
  mkdir -p "$out"
  cp "$libdir/cloudphone.dll" "$out/"
  local src stem
  for src in tests/c/*.c; do
    stem=$(basename "$src" .c)
    [ "$stem" = client ] && continue
    x86_64-w64-mingw32-gcc -std=c11 -Wall -Wextra -Werror -pedantic -O1 -Iinclude "$src" \
      "$libdir/libcloudphone.a" -lbcrypt -ladvapi32 -lkernel32 -lntdll -luserenv -lws2_32 \
      -ldbghelp -o "$out/$stem-static.exe"
    x86_64-w64-mingw32-gcc -std=c11 -Wall -Wextra -Werror -pedantic -O1 -Iinclude "$src" \
      "$libdir/libcloudphone.dll.a" -o "$out/$stem-dll.exe"
    for exe in "$out/$stem-static.exe" "$out/$stem-dll.exe"; do
      "$wine" "$exe" "$PWD/tests/fixtures/responses" >"$log" 2>&1 ||
        { cat "$log" >&2; echo "$t: $(basename "$exe") failed" >&2; exit 1; }
      n=$((n + 1))
    done
  done
  rm -f "$log"
  report+=("$t (Wine $("$wine" --version 2>/dev/null | sed 's/^wine-//')): sans-IO tests ${passed} passed; client+simulator tests ${cpassed} passed; C test programs ${n} passed (12 sources, static and DLL)")
}
[ "$quick" = 0 ] && windows

echo
echo "== cross summary"
printf '  %s\n' "${report[@]}"
