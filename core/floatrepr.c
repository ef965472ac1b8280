/* repr(float): the shortest text that reads back as the same double, in
 * Python's layout (exponent form below 1e-4 and from 1e16). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/floatrepr.h"

void sl_float_repr_into(sl_strbuf *out, double f) {
  if (isnan(f)) { sl_strbuf_puts(out, "nan"); return; }
  if (isinf(f)) { sl_strbuf_puts(out, f < 0 ? "-inf" : "inf"); return; }
  char buf[40];
  int prec;
  for (prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
    if (strtod(buf, NULL) == f) break;
  }
  /* buf = [-]d[.ddd]e[+-]XX: split digits and exponent. */
  char digits[32];
  int nd = 0, neg = buf[0] == '-';
  char *p = buf + neg;
  for (; *p && *p != 'e'; p++)
    if (*p != '.') digits[nd++] = *p;
  int exp10 = atoi(p + 1);
  while (nd > 1 && digits[nd - 1] == '0') nd--;
  digits[nd] = '\0';
  if (neg) sl_strbuf_putc(out, '-');
  if (exp10 < -4 || exp10 >= 16) {
    sl_strbuf_putc(out, digits[0]);
    if (nd > 1) { sl_strbuf_putc(out, '.'); sl_strbuf_puts(out, digits + 1); }
    sl_strbuf_printf(out, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
  } else if (exp10 < 0) {
    sl_strbuf_puts(out, "0.");
    for (int i = -1; i > exp10; i--) sl_strbuf_putc(out, '0');
    sl_strbuf_puts(out, digits);
  } else {
    for (int i = 0; i <= exp10; i++) sl_strbuf_putc(out, i < nd ? digits[i] : '0');
    sl_strbuf_putc(out, '.');
    if (nd > exp10 + 1) sl_strbuf_puts(out, digits + exp10 + 1);
    else sl_strbuf_putc(out, '0');
  }
}
