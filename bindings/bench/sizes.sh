#!/usr/bin/env bash
# Stripped size of the release cdylib, core only and with client + rustls,
# under the crate's release profile and under a size profile set through
# cargo's environment overrides (fat LTO, 1 codegen unit, opt-level "s"):
#
#   bash bindings/bench/sizes.sh
#
# Builds into its own target dir (SIZES_TARGET_DIR, default
# target/bindings-sizes) so concurrent builds in target/ can neither race it
# nor be invalidated by its profile overrides.
set -euo pipefail
cd "$(dirname "$0")/../.."
t="${SIZES_TARGET_DIR:-$PWD/target/bindings-sizes}"
case "$(uname -s)" in Darwin) so=libcloudphone.dylib ;; *) so=libcloudphone.so ;; esac
printf '%-28s %-44s %12s %12s\n' profile features unstripped stripped
measure() { # label features...
  local label="$1"; shift
  CARGO_TARGET_DIR="$t/$label" cargo build --release --lib --quiet "$@" 2>/dev/null
  local f="$t/$label/release/$so"
  strip -o "$f.stripped" "$f"
  printf '%-28s %-44s %9d KiB %9d KiB\n' "${PROFILE_LABEL:-release}" "$*" \
    $(( $(stat -c %s "$f") / 1024 )) $(( $(stat -c %s "$f.stripped") / 1024 ))
}
measure release-core --no-default-features
measure release-client --no-default-features --features client,rustls
export CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_OPT_LEVEL=s
PROFILE_LABEL="lto=fat,cgu=1,opt=s" measure size-core --no-default-features
PROFILE_LABEL="lto=fat,cgu=1,opt=s" measure size-client --no-default-features --features client,rustls
