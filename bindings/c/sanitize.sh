#!/usr/bin/env bash
# ASan + UBSan over the C side: every tests/c/*.c, the C example and the C++
# test, each linked against the staticlib, with leak detection on; plus a
# canary proving a leaked handle IS reported (so a clean run means something).
#
#   bindings/c/sanitize.sh [LIBDIR] [OUTDIR]
#
# LIBDIR holds libcloudphone.a (default target/debug). The Rust code itself is
# not instrumented; ASan's allocator still sees every allocation the library
# makes (Rust uses malloc), so handles the C code forgets are reported.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
libdir="${1:-$repo/target/debug}"
out="${2:-${CARGO_TARGET_DIR:-$repo/target}/bindings/asan}"
seeds="$(cd "$repo/../shared/seeds" 2>/dev/null && pwd || echo "$repo/../shared/seeds")"
mkdir -p "$out"
native=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)
san=(-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
pass=0 fail=0

run() { # name, command...
  local name="$1"; shift
  if "$@" > "$out/$name.log" 2>&1; then
    pass=$((pass + 1)); echo "  ok    $name"
  else
    fail=$((fail + 1)); echo "  FAIL  $name (log: $out/$name.log)"; tail -n 30 "$out/$name.log" | sed 's/^/        /'
  fi
}

compile_c() { # src exe
  cc -std=c11 -Wall -Wextra -Werror -pedantic "${san[@]}" -I"$repo/include" -I"$repo/tests/c" \
    "$1" "$libdir/libcloudphone.a" "${native[@]}" -o "$2"
}

for src in "$repo"/tests/c/*.c; do
  name="$(basename "$src" .c)"
  run "asan-c-$name" bash -c "$(declare -f compile_c); san=(${san[*]}); native=(${native[*]}); repo='$repo'; libdir='$libdir';
    compile_c '$src' '$out/$name' && nm '$out/$name' | grep -q __asan_init && '$out/$name'"
done

run asan-example bash -c "cc -std=c11 -Wall -Wextra -Werror -pedantic ${san[*]} -I'$repo/include' \
  '$here/example.c' '$libdir/libcloudphone.a' ${native[*]} -o '$out/example' && '$out/example'"

run asan-cpp bash -c "c++ -std=c++17 -Wall -Wextra -Werror -pedantic ${san[*]} -I'$repo/include' \
  -I'$repo/bindings/cpp' '$repo/bindings/cpp/test.cpp' '$libdir/libcloudphone.a' ${native[*]} \
  -o '$out/cpp_test' && '$out/cpp_test' '$seeds'"

# The canary: a program that forgets to free a config must be reported.
cat > "$out/leak_canary.c" <<'C'
#include "cloudphone.h"
/* Deliberate leaks: configs created and never freed. In a function of their
 * own, so no pointer to them survives on the live stack at exit. */
__attribute__((noinline)) static int leak(void) {
  cloudphone_huawei_config *cfg = NULL;
  int st = (int)cloudphone_huawei_config_new_aksk("cn-north-4", "p", "AK", "SK", NULL, &cfg, NULL);
  return st + (cfg == NULL); /* no cloudphone_huawei_config_free(cfg) */
}
int main(void) {
  int i, bad = 0;
  for (i = 0; i < 8; i++) bad |= leak();
  return bad;
}
C
canary() {
  cc -std=c11 "${san[@]}" -I"$repo/include" "$out/leak_canary.c" "$libdir/libcloudphone.a" "${native[@]}" \
    -o "$out/leak_canary" || return 1
  if "$out/leak_canary" > "$out/leak_canary.out" 2>&1; then
    echo "a leaked config was NOT reported"; return 1
  fi
  grep -q "detected memory leaks" "$out/leak_canary.out" &&
    grep -q "cloudphone_huawei_config_new_aksk" "$out/leak_canary.out" &&
    echo "leak reported as expected"
}
run asan-leak-canary canary

echo "sanitizers: $pass passed, $fail failed"
[ "$fail" = 0 ]
