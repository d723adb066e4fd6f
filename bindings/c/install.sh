#!/usr/bin/env bash
# Installs the C library, header, CMake package config and pkg-config file:
#
#   bindings/c/install.sh PREFIX [--profile release|debug] [--static-only|--shared-only]
#
#   PREFIX/include/cloudphone.h, cloudphone.hpp (the C++ wrapper)
#   PREFIX/lib/libcloudphone.a
#   PREFIX/lib/libcloudphone.so (or .dylib; named by its SONAME, with a
#                                libcloudphone.so link, once it has one)
#   PREFIX/lib/pkgconfig/cloudphone.pc (shared, with an rpath) and
#                        cloudphone-static.pc (the archive and its native libraries)
#   PREFIX/lib/cmake/cloudphone/cloudphoneConfig{,Version}.cmake
#
# Installs the release build by default, building it (`cargo build -p
# cloudphone-ffi --release`) when it is missing. The result is relocatable:
# the CMake config finds everything relative to itself, and the .pc files
# are regenerated for PREFIX.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
prefix="" profile="release" static=1 shared=1
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --static-only) shared=0; shift ;;
    --shared-only) static=0; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) prefix="$1"; shift ;;
  esac
done
[ -n "$prefix" ] || { echo "usage: $0 PREFIX [--profile release|debug] [--static-only|--shared-only]" >&2; exit 2; }
src="${CARGO_TARGET_DIR:-$repo/target}/$profile"
case "$(uname -s)" in Darwin) so=libcloudphone.dylib ;; *) so=libcloudphone.so ;; esac
if [ ! -f "$src/libcloudphone.a" ] || [ ! -f "$src/$so" ]; then
  flag=""; [ "$profile" = release ] && flag="--release"
  echo "building the $profile library (cargo build -p cloudphone-ffi $flag)" >&2
  (cd "$repo" && cargo build -p cloudphone-ffi $flag --quiet)
fi
# The SONAME the build gave the shared library (ELF; none on macOS).
soname="$so"
if command -v readelf >/dev/null && [ "$so" = libcloudphone.so ]; then
  soname="$(readelf -d "$src/$so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')"
  [ -n "$soname" ] || soname="$so"
fi

mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/cloudphone"
prefix="$(cd "$prefix" && pwd)"
rm -f "$prefix/lib/libcloudphone.a" "$prefix/lib/$so" "$prefix/lib/$soname" \
  "$prefix/lib/pkgconfig/cloudphone.pc" "$prefix/lib/pkgconfig/cloudphone-static.pc"
install -m 644 "$repo/include/cloudphone.h" "$repo/bindings/cpp/cloudphone.hpp" "$prefix/include/"
if [ $static = 1 ]; then
  install -m 644 "$src/libcloudphone.a" "$prefix/lib/"
  "$here/gen_pc.sh" --static "$prefix" > "$prefix/lib/pkgconfig/cloudphone-static.pc"
fi
if [ $shared = 1 ]; then
  install -m 755 "$src/$so" "$prefix/lib/$soname"
  [ "$soname" = "$so" ] || ln -sf "$soname" "$prefix/lib/$so"
fi
install -m 644 "$here/cmake/cloudphoneConfig.cmake" "$here/cmake/cloudphoneConfigVersion.cmake" \
  "$prefix/lib/cmake/cloudphone/"
# The default module: the shared library when installed (with an rpath, so
# the program finds it at run time), else the archive.
if [ $shared = 1 ]; then
  "$here/gen_pc.sh" "$prefix" > "$prefix/lib/pkgconfig/cloudphone.pc"
else
  "$here/gen_pc.sh" --static "$prefix" > "$prefix/lib/pkgconfig/cloudphone.pc"
fi
echo "installed cloudphone ($profile) into $prefix"
