#!/usr/bin/env bash
# Stripped size of the cdylib, core only and with client + rustls, under the
# crate's two shipping profiles: `release` (fat LTO, 1 codegen unit, opt 3)
# and `release-small` (the same at opt-level "s"):
#
#   bash bindings/bench/sizes.sh
#
# Builds into its own target dir (SIZES_TARGET_DIR, default
# target/bindings-sizes) so concurrent builds in target/ can neither race it
# nor be invalidated by it.
set -euo pipefail
cd "$(dirname "$0")/../.."
t="${SIZES_TARGET_DIR:-$PWD/target/bindings-sizes}"
case "$(uname -s)" in Darwin) so=libcloudphone.dylib ;; *) so=libcloudphone.so ;; esac
printf '%-16s %-44s %12s %12s\n' profile features unstripped stripped
measure() { # profile label features...
  local profile="$1" label="$2"; shift 2
  CARGO_TARGET_DIR="$t/$label" cargo build --profile "$profile" -p cloudphone-ffi --quiet "$@" 2>/dev/null
  local f="$t/$label/$profile/$so"
  strip -o "$f.stripped" "$f"
  printf '%-16s %-44s %9d KiB %9d KiB\n' "$profile" "$*" \
    $(( $(stat -c %s "$f") / 1024 )) $(( $(stat -c %s "$f.stripped") / 1024 ))
}
for profile in release release-small; do
  measure "$profile" core --no-default-features
  measure "$profile" client --no-default-features --features client,rustls
done
