#!/usr/bin/env bash
# Short, bounded fuzz run for CI: builds every cargo-fuzz target (installing
# cargo-fuzz if missing) and runs each for FUZZ_SECS seconds (default 20;
# ten targets, about 4 to 6 minutes with the build). Prints executions,
# coverage and corpus size per target; exits non-zero if any target crashed
# (the crashing input is left in fuzz/artifacts/<target>/ and its log's tail
# is printed).
#
#   bash scripts/fuzz_ci.sh                 # all targets, 20 s each
#   FUZZ_SECS=5 bash scripts/fuzz_ci.sh parse_all ffi_parse
set -euo pipefail
source "$(dirname "$0")/fuzz_lib.sh"

SECS=${FUZZ_SECS:-20}
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

# The committed fuzz/Cargo.lock must cover the crate's dependencies as they
# are now (a stale lock is rewritten silently by the build below).
if ! (cd "$(dirname "$0")/../fuzz" && cargo metadata --locked --format-version 1 >/dev/null); then
  echo "fuzz/Cargo.lock is stale: run 'cargo metadata --format-version 1' in fuzz/ and pin shared crates to the main Cargo.lock's versions" >&2
  exit 1
fi

ensure_cargo_fuzz
fuzz_build

LOGS="$(mktemp -d)"
failed=()
lines=()
for t in "${TARGETS[@]}"; do
  echo "== fuzzing $t for ${SECS}s"
  rc=0
  run_target "$t" "$SECS" "$LOGS/$t.log" || rc=$?
  lines+=("$(summarize "$t" "$LOGS/$t.log" "$rc")")
  if [ "$rc" -ne 0 ]; then
    failed+=("$t")
    echo "---- $t crashed; last lines of its log:"
    tail -40 "$LOGS/$t.log"
    ls -l "$FUZZ/artifacts/$t" 2>/dev/null || true
  fi
done

echo
echo "== fuzz summary (${SECS}s per target)"
summary_header
printf '%s\n' "${lines[@]}"
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) crashed: ${failed[*]}"
  echo "fuzz: 0 passed, ${#failed[@]} failed"
  exit 1
fi
echo "fuzz: ${#TARGETS[@]} passed, 0 failed"
