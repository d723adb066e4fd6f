# cloudphoneConfigVersion.cmake: the version comes from the header next to
# the library (CLOUDPHONE_VERSION, generated from Cargo.toml), so it cannot
# drift. 0.x releases are compatible only within the same minor version;
# from 1.0, within the same major version.
get_filename_component(_cp_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(PACKAGE_VERSION "0.0.0")
if(EXISTS "${_cp_prefix}/include/cloudphone.h")
  file(STRINGS "${_cp_prefix}/include/cloudphone.h" _cp_line
       REGEX "^#define CLOUDPHONE_VERSION \"[^\"]+\"")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" PACKAGE_VERSION "${_cp_line}")
endif()
unset(_cp_prefix)
unset(_cp_line)

set(PACKAGE_VERSION_COMPATIBLE FALSE)
set(PACKAGE_VERSION_EXACT FALSE)
if(PACKAGE_FIND_VERSION)
  string(REPLACE "." ";" _have "${PACKAGE_VERSION}")
  list(GET _have 0 _have_major)
  list(GET _have 1 _have_minor)
  if(PACKAGE_VERSION VERSION_EQUAL PACKAGE_FIND_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
  if(NOT PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION
     AND _have_major EQUAL PACKAGE_FIND_VERSION_MAJOR
     AND (_have_major GREATER 0 OR _have_minor EQUAL PACKAGE_FIND_VERSION_MINOR))
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
  endif()
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
