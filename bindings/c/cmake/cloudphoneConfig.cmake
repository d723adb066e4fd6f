# cloudphoneConfig.cmake: CMake package config for the cloudphone C library.
#
#   find_package(cloudphone 0.1 CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE cloudphone::cloudphone)
#
# Imported targets (each defined when its file exists):
#   cloudphone::cloudphone_static  libcloudphone.a / cloudphone.lib, with the
#                                  native libraries a Rust staticlib needs
#   cloudphone::cloudphone_shared  libcloudphone.so / .dylib / cloudphone.dll
#   cloudphone::cloudphone         the static one, or the shared one when
#                                  CLOUDPHONE_PREFER_SHARED is ON (or only it exists)
#
# Layouts understood (the prefix is three directories above this file):
#   installed:   <prefix>/lib/cmake/cloudphone/cloudphoneConfig.cmake,
#                <prefix>/include/cloudphone.h, <prefix>/lib/libcloudphone.*
#   source tree: <repo>/bindings/c/cmake/cloudphoneConfig.cmake,
#                <repo>/include/cloudphone.h, <repo>/target/{release,debug}/
# Set CLOUDPHONE_LIBRARY_DIR to pick the directory holding the libraries.

get_filename_component(_cloudphone_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(cloudphone_INCLUDE_DIR "${_cloudphone_prefix}/include")
if(NOT EXISTS "${cloudphone_INCLUDE_DIR}/cloudphone.h")
  set(cloudphone_FOUND FALSE)
  set(cloudphone_NOT_FOUND_MESSAGE "cloudphone.h not found in ${cloudphone_INCLUDE_DIR}")
  return()
endif()

if(WIN32 AND NOT MINGW)
  set(_cloudphone_static_name "cloudphone.lib")
  set(_cloudphone_shared_name "cloudphone.dll")
  set(_cloudphone_implib_name "cloudphone.dll.lib")
elseif(WIN32)
  set(_cloudphone_static_name "libcloudphone.a")
  set(_cloudphone_shared_name "cloudphone.dll")
  set(_cloudphone_implib_name "libcloudphone.dll.a")
elseif(APPLE)
  set(_cloudphone_static_name "libcloudphone.a")
  set(_cloudphone_shared_name "libcloudphone.dylib")
else()
  set(_cloudphone_static_name "libcloudphone.a")
  set(_cloudphone_shared_name "libcloudphone.so")
endif()

set(_cloudphone_dirs)
if(CLOUDPHONE_LIBRARY_DIR)
  list(APPEND _cloudphone_dirs "${CLOUDPHONE_LIBRARY_DIR}")
else()
  list(APPEND _cloudphone_dirs "${_cloudphone_prefix}/lib" "${_cloudphone_prefix}/lib64"
       "${_cloudphone_prefix}/bin" "${_cloudphone_prefix}/target/release"
       "${_cloudphone_prefix}/target/debug")
endif()
set(cloudphone_LIBRARY_DIR "")
foreach(_d IN LISTS _cloudphone_dirs)
  if(EXISTS "${_d}/${_cloudphone_static_name}" OR EXISTS "${_d}/${_cloudphone_shared_name}")
    set(cloudphone_LIBRARY_DIR "${_d}")
    break()
  endif()
endforeach()
if(NOT cloudphone_LIBRARY_DIR)
  set(cloudphone_FOUND FALSE)
  set(cloudphone_NOT_FOUND_MESSAGE
      "no ${_cloudphone_static_name} or ${_cloudphone_shared_name} in: ${_cloudphone_dirs} "
      "(build it with `cargo build --lib`, or set CLOUDPHONE_LIBRARY_DIR)")
  return()
endif()

# What a C program linking the Rust staticlib needs besides it, as
# `cargo rustc --lib -- --print native-static-libs` reports it (Linux checked
# by bindings/run_all.sh; the others as rustc documents them for std).
include(CMakeFindDependencyMacro)
find_dependency(Threads)
if(APPLE)
  set(cloudphone_NATIVE_LIBS "-framework CoreFoundation" "-framework Security" iconv m)
elseif(WIN32 AND NOT MINGW)
  set(cloudphone_NATIVE_LIBS kernel32 advapi32 ntdll userenv ws2_32 dbghelp bcrypt)
elseif(WIN32)
  set(cloudphone_NATIVE_LIBS kernel32 advapi32 ntdll userenv ws2_32 dbghelp bcrypt gcc_eh)
elseif(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(cloudphone_NATIVE_LIBS gcc_s util rt Threads::Threads m ${CMAKE_DL_LIBS} c)
else()
  set(cloudphone_NATIVE_LIBS Threads::Threads m)
endif()

if(EXISTS "${cloudphone_LIBRARY_DIR}/${_cloudphone_static_name}"
   AND NOT TARGET cloudphone::cloudphone_static)
  add_library(cloudphone::cloudphone_static STATIC IMPORTED)
  set_target_properties(cloudphone::cloudphone_static PROPERTIES
    IMPORTED_LOCATION "${cloudphone_LIBRARY_DIR}/${_cloudphone_static_name}"
    IMPORTED_LINK_INTERFACE_LANGUAGES "C"
    INTERFACE_INCLUDE_DIRECTORIES "${cloudphone_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${cloudphone_NATIVE_LIBS}")
endif()

if(EXISTS "${cloudphone_LIBRARY_DIR}/${_cloudphone_shared_name}"
   AND NOT TARGET cloudphone::cloudphone_shared)
  add_library(cloudphone::cloudphone_shared SHARED IMPORTED)
  set_target_properties(cloudphone::cloudphone_shared PROPERTIES
    IMPORTED_LOCATION "${cloudphone_LIBRARY_DIR}/${_cloudphone_shared_name}"
    INTERFACE_INCLUDE_DIRECTORIES "${cloudphone_INCLUDE_DIR}")
  if(WIN32)
    set_target_properties(cloudphone::cloudphone_shared PROPERTIES
      IMPORTED_IMPLIB "${cloudphone_LIBRARY_DIR}/${_cloudphone_implib_name}")
  else()
    # Linked by path; the program still records the library's SONAME
    # (libcloudphone.so.<ABI>), installed beside it.
    set_target_properties(cloudphone::cloudphone_shared PROPERTIES IMPORTED_NO_SONAME TRUE)
  endif()
endif()

if(NOT TARGET cloudphone::cloudphone)
  add_library(cloudphone::cloudphone INTERFACE IMPORTED)
  if(TARGET cloudphone::cloudphone_static AND NOT CLOUDPHONE_PREFER_SHARED)
    set_target_properties(cloudphone::cloudphone PROPERTIES
      INTERFACE_LINK_LIBRARIES cloudphone::cloudphone_static)
  elseif(TARGET cloudphone::cloudphone_shared)
    set_target_properties(cloudphone::cloudphone PROPERTIES
      INTERFACE_LINK_LIBRARIES cloudphone::cloudphone_shared)
  else()
    set_target_properties(cloudphone::cloudphone PROPERTIES
      INTERFACE_LINK_LIBRARIES cloudphone::cloudphone_static)
  endif()
endif()

set(cloudphone_INCLUDE_DIRS "${cloudphone_INCLUDE_DIR}")
set(cloudphone_LIBRARIES cloudphone::cloudphone)
set(cloudphone_FOUND TRUE)
unset(_cloudphone_prefix)
unset(_cloudphone_dirs)
