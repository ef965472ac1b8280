/* repr(float) as Python prints it (shortest round-trip text). */
#ifndef SL_FLOATREPR_H
#define SL_FLOATREPR_H

#include "core/strbuf.h"

void sl_float_repr_into(sl_strbuf *out, double f);

#endif
