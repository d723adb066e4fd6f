#!/usr/bin/env bash
# Installs the C library, header, CMake package config and pkg-config file:
#
#   bindings/c/install.sh PREFIX [--profile debug|release] [--static-only|--shared-only]
#
#   PREFIX/include/cloudphone.h
#   PREFIX/lib/libcloudphone.a, libcloudphone.so (or .dylib)
#   PREFIX/lib/pkgconfig/cloudphone.pc
#   PREFIX/lib/cmake/cloudphone/cloudphoneConfig{,Version}.cmake
#
# Build the library first (`cargo build -p cloudphone-ffi [--release]`). The result is
# relocatable: the CMake config finds everything relative to itself, and the
# .pc file is regenerated for PREFIX.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
prefix="" profile="debug" static=1 shared=1
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --static-only) shared=0; shift ;;
    --shared-only) static=0; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) prefix="$1"; shift ;;
  esac
done
[ -n "$prefix" ] || { echo "usage: $0 PREFIX [--profile debug|release] [--static-only|--shared-only]" >&2; exit 2; }
src="${CARGO_TARGET_DIR:-$repo/target}/$profile"
case "$(uname -s)" in Darwin) so=libcloudphone.dylib ;; *) so=libcloudphone.so ;; esac

mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/cloudphone"
prefix="$(cd "$prefix" && pwd)"
rm -f "$prefix/lib/libcloudphone.a" "$prefix/lib/$so"
install -m 644 "$repo/include/cloudphone.h" "$prefix/include/"
[ $static = 0 ] || install -m 644 "$src/libcloudphone.a" "$prefix/lib/"
[ $shared = 0 ] || install -m 755 "$src/$so" "$prefix/lib/"
install -m 644 "$here/cmake/cloudphoneConfig.cmake" "$here/cmake/cloudphoneConfigVersion.cmake" \
  "$prefix/lib/cmake/cloudphone/"
"$here/gen_pc.sh" "$prefix" > "$prefix/lib/pkgconfig/cloudphone.pc"
echo "installed cloudphone ($profile) into $prefix"
