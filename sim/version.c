/* The version string of the simloop build. */
#include "sim/version.h"

const char *sl_version(void) { return "0.1.0"; }
