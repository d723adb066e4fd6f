# Shared by scripts/fuzz_ci.sh and scripts/fuzz_long.sh (sourced, not run).
# cargo-fuzz needs nightly -Z flags; the stable toolchain accepts them with
# RUSTC_BOOTSTRAP=1 (the machine has no nightly). Builds use ASan (cargo
# fuzz's default) and debug assertions + overflow checks (-a).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
CARGO_FUZZ_VERSION=0.13.2
export RUSTC_BOOTSTRAP=1

ALL_TARGETS=(
  parse_all
  parse_huawei_batch_connection
  parse_geelark_phone_status
  ffi_parse
  huawei_signer
  geelark_sign
  build_injection
  endpoint_parse
  rfc3339
  batch_plan_merge
)

ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
  fi
}

fuzz_build() {
  echo "== building the fuzz targets (ASan, debug assertions)"
  (cd "$FUZZ" && cargo fuzz build -a)
}

# seed_corpus TARGET DIR: writes the target's seed inputs into DIR.
seed_corpus() {
  local t=$1 dir=$2 f
  mkdir -p "$dir"
  local responses="$ROOT/tests/fixtures/responses"
  case $t in
    parse_all)
      for f in "$responses"/*/*/*.http; do cp "$f" "$dir/$(basename "$(dirname "$f")")_$(basename "$f")"; done ;;
    parse_huawei_batch_connection)
      for f in "$responses"/huawei/*/*.http; do cp "$f" "$dir/$(basename "$(dirname "$f")")_$(basename "$f")"; done ;;
    parse_geelark_phone_status)
      for f in "$responses"/geelark/*/*.http; do cp "$f" "$dir/$(basename "$(dirname "$f")")_$(basename "$f")"; done ;;
    ffi_parse)
      # First byte picks the export: 0 batch-connection, 1 IAM token, 2 phone status.
      for f in "$responses"/huawei/batch_connection/*.http; do { printf '\x00'; cat "$f"; } > "$dir/bc_$(basename "$f")"; done
      for f in "$responses"/huawei/iam_token/*.http; do { printf '\x01'; cat "$f"; } > "$dir/iam_$(basename "$f")"; done
      for f in "$responses"/geelark/phone_status/*.http; do { printf '\x02'; cat "$f"; } > "$dir/ps_$(basename "$f")"; done ;;
    endpoint_parse)
      local i=0 s
      for s in "https://cph.cn-north-4.myhuaweicloud.com" "http://127.0.0.1:8080/prefix/" \
               "openapi.geelark.com" "https://[::1]:443" "HTTPS://Host:65535/a/b" "ftp://x" \
               "https://u@h" "https://h/p?q" "cn-north-4" "ap-southeast-1"; do
        printf '%s' "$s" > "$dir/seed$((i++))"
      done ;;
    rfc3339)
      local i=0 s
      for s in "2024-01-02T03:04:05.123000Z" "2024-01-02T11:04:05+08:00" "1970-01-01T00:00:00Z" \
               "2024-02-29T23:59:60.999Z" "9999-12-31T23:59:59-23:59" "0000-01-01T00:00:00+00:00"; do
        printf '%s' "$s" > "$dir/seed$((i++))"
      done ;;
    *) ;; # structured (arbitrary) targets start from nothing
  esac
}

# dict_args TARGET: the -dict= option for targets that read HTTP/JSON.
dict_args() {
  case $1 in
    parse_*|ffi_parse) echo "-dict=$FUZZ/dicts/http_json.dict" ;;
    *) echo "" ;;
  esac
}

# run_target TARGET SECONDS LOGFILE [extra libFuzzer args...]: fuzzes into
# fuzz/corpus/TARGET (seeded from the fixtures each time) and returns
# libFuzzer's status. Crash inputs land in fuzz/artifacts/TARGET/.
run_target() {
  local t=$1 secs=$2 log=$3
  shift 3
  local seeds corpus
  seeds="$(mktemp -d)"
  corpus="$FUZZ/corpus/$t"
  mkdir -p "$corpus"
  seed_corpus "$t" "$seeds"
  local rc=0
  # shellcheck disable=SC2046
  (cd "$FUZZ" && cargo fuzz run -a "$t" "$corpus" "$seeds" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      $(dict_args "$t") "$@") >"$log" 2>&1 || rc=$?
  rm -rf "$seeds"
  return $rc
}

# summarize TARGET LOGFILE RC: one line of figures from a libFuzzer log.
summarize() {
  local t=$1 log=$2 rc=$3
  local execs cov ft corp speed
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | awk '{print $2}')
  speed=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | awk '{print $2}')
  cov=$(grep -oE ' cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -oE ' ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  corp=$(grep -oE ' corp: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  local verdict=ok
  [ "$rc" -ne 0 ] && verdict="CRASH (exit $rc)"
  printf '%-32s %12s %10s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$verdict"
}

summary_header() {
  printf '%-32s %12s %10s %8s %8s %8s  %s\n' target execs exec/s cov ft corpus result
}
