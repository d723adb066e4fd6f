#!/usr/bin/env bash
# Fills cloudphone.pc.in: gen_pc.sh [--static] PREFIX [LIBDIR] > cloudphone.pc
#
#   --static  the module of the archive (cloudphone-static.pc): Libs names
#             libcloudphone.a itself, so the linker cannot pick the .so
#             installed beside it; without it, Libs is -lcloudphone with an
#             rpath to LIBDIR (the program finds the .so at run time).
#
#   PREFIX   the install prefix (include/cloudphone.h lives under it)
#   LIBDIR   where libcloudphone.{a,so} live (default PREFIX/lib)
#
# The version comes from include/cloudphone.h (generated from Cargo.toml).
# Libs.private is what a program linking the staticlib also needs on this OS;
# CLOUDPHONE_NATIVE_LIBS overrides it, and `gen_pc.sh --native-libs` prints the
# list this script would use (bindings/run_all.sh compares it with rustc's
# `--print native-static-libs`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

native_libs() {
  if [ -n "${CLOUDPHONE_NATIVE_LIBS:-}" ]; then echo "$CLOUDPHONE_NATIVE_LIBS"; return; fi
  case "$(uname -s)" in
    Linux) echo "-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc" ;;
    Darwin) echo "-framework CoreFoundation -framework Security -liconv -lSystem -lc -lm" ;;
    MINGW*|MSYS*|CYGWIN*) echo "-lkernel32 -ladvapi32 -lntdll -luserenv -lws2_32 -ldbghelp -lbcrypt" ;;
    *) echo "-lpthread -lm" ;;
  esac
}

if [ "${1:-}" = "--native-libs" ]; then native_libs; exit 0; fi
static=0
if [ "${1:-}" = "--static" ]; then static=1; shift; fi
if [ $# -lt 1 ]; then echo "usage: $0 PREFIX [LIBDIR] > cloudphone.pc" >&2; exit 2; fi
prefix="$1"
libdir="${2:-\${prefix\}/lib}"
header="$prefix/include/cloudphone.h"
[ -f "$header" ] || header="$repo/include/cloudphone.h"
version="$(sed -n 's/^#define CLOUDPHONE_VERSION "\(.*\)"$/\1/p' "$header")"
[ -n "$version" ] || { echo "no CLOUDPHONE_VERSION in $header" >&2; exit 1; }
libs_private="$(native_libs)"
if [ $static = 1 ]; then
  name="cloudphone-static" libs="\${libdir}/libcloudphone.a $libs_private" libs_private=""
else
  name="cloudphone" libs="-L\${libdir} -Wl,-rpath,\${libdir} -lcloudphone"
fi
sed -e "s|@prefix@|$prefix|g" -e "s|@libdir@|$libdir|g" -e "s|@version@|$version|g" \
    -e "s|@name@|$name|g" -e "s|@libs@|$libs|g" \
    -e "s|@libs_private@|$libs_private|g" "$here/cloudphone.pc.in"
