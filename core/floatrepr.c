/* repr(float): delegates to the number library, which is verified against
 * CPython on ~900k doubles (core/lang/numfmt.h). */
#include "core/floatrepr.h"

#include "core/lang/numfmt.h"

void sl_float_repr_into(sl_strbuf *out, double f) { sl_float_repr(out, f); }
