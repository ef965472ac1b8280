/* The version string of the simloop build: project(VERSION) in
 * CMakeLists.txt, the only place it is written, passed in as
 * SL_VERSION_STRING. */
#include "sim/version.h"

const char *sl_version(void) { return SL_VERSION_STRING; }
