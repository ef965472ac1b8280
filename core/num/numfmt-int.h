/* Internals shared by the numfmt*.c files; not part of the engine's API.
 *
 * Ownership: digit strings are written into caller-owned sl_strbuf
 * buffers; nothing here keeps memory. */
#ifndef SL_NUMFMT_INT_H
#define SL_NUMFMT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/num/numfmt.h"

/* Digit-generation modes, named after David Gay's dtoa modes that CPython
 * uses: shortest round-trip, ndigits significant digits, ndigits digits
 * after the decimal point. */
enum { SL__DTOA_SHORTEST = 0, SL__DTOA_SIGNIFICANT = 2, SL__DTOA_FIXED = 3 };

/* Classes of a double, as returned by sl__dtoa. */
enum { SL__FINITE = 0, SL__INF = 1, SL__NAN = 2, SL__NOMEM = -1 };

/* Writes the decimal digits of |x| to `digits` (cleared first): no sign,
 * no point, no trailing zeros, at least one digit ("0" for a zero or a
 * value that rounds to zero, then *decpt is 1). The value is
 * 0.d1d2d3... * 10**decpt. Rounding is round-half-even on the exact binary
 * value, as dtoa. Returns SL__FINITE, SL__INF, SL__NAN or SL__NOMEM. */
int sl__dtoa(double x, int mode, int ndigits, sl_strbuf *digits, int *decpt);

/* Flags of sl__double_to_string, as PyOS_double_to_string's. */
enum {
  SL__DTS_ALT = 1,       /* '#': keep the point, keep 'g' trailing zeros */
  SL__DTS_ADD_DOT_0 = 2, /* integral values get ".0" (repr, type '') */
  SL__DTS_NO_NEG_0 = 4,  /* 'z': a value rounding to zero loses its '-' */
};

/* Appends x formatted as PyOS_double_to_string(x, type, precision, flags)
 * does: type is one of e E f F g G r ('r' is repr). A leading '-' for
 * negative values; no '+'. Returns false on allocation failure. */
bool sl__double_to_string(sl_strbuf *out, double x, char type, int precision, unsigned flags);

#endif
