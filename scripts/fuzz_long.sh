#!/usr/bin/env bash
# A longer fuzz campaign: each target for FUZZ_SECS seconds (default 300)
# with FUZZ_JOBS parallel workers per target (default 1). The corpus in
# fuzz/corpus/<target>/ is kept between runs, so campaigns build on each
# other. Figures per target are printed at the end and written to
# fuzz/long_run_summary.txt; crashes are reported but do not stop the
# campaign (minimize one with `cargo fuzz tmin -a <target> <artifact>`).
#
#   bash scripts/fuzz_long.sh                       # every target, 5 min each
#   FUZZ_SECS=3600 bash scripts/fuzz_long.sh parse_all
set -euo pipefail
source "$(dirname "$0")/fuzz_lib.sh"

SECS=${FUZZ_SECS:-300}
JOBS=${FUZZ_JOBS:-1}
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

ensure_cargo_fuzz
fuzz_build

LOGS="$FUZZ/logs"
mkdir -p "$LOGS"
lines=()
crashed=0
for t in "${TARGETS[@]}"; do
  echo "== fuzzing $t for ${SECS}s ($JOBS job(s))"
  rc=0
  if [ "$JOBS" -gt 1 ]; then
    run_target "$t" "$SECS" "$LOGS/$t.log" -fork="$JOBS" -ignore_crashes=1 || rc=$?
  else
    run_target "$t" "$SECS" "$LOGS/$t.log" || rc=$?
  fi
  [ -n "$(ls -A "$FUZZ/artifacts/$t" 2>/dev/null)" ] && rc=${rc/#0/1}
  [ "$rc" -ne 0 ] && crashed=$((crashed + 1))
  lines+=("$(summarize "$t" "$LOGS/$t.log" "$rc")")
done

{
  echo "fuzz campaign $(date -u +%Y-%m-%dT%H:%M:%SZ), ${SECS}s per target, $JOBS job(s)"
  summary_header
  printf '%s\n' "${lines[@]}"
} | tee "$FUZZ/long_run_summary.txt"
[ "$crashed" -eq 0 ]
