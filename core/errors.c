/* Strings of the C-level error table (see errors.h). */
#include "core/errors.h"

const char *sl_strerror(sl_errcode code) {
  switch (code) {
#define SL_ERR_CASE(name, text)                                                                    \
  case SL_E##name: return text;
    SL_ERRNO_MAP(SL_ERR_CASE)
#undef SL_ERR_CASE
  }
  return "unknown error";
}
