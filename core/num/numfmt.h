/* Python's number and text formatting, parsing and arithmetic on plain C
 * values, so simloop prints exactly what CPython 3.11-3.14 prints.
 *
 * Mirrors Objects/floatobject.c (repr, round, //, %, **), Python/pystrtod.c
 * and Python/formatter_unicode.c (format() mini-language), and the parsing
 * done by int(str) and float(str). No object model: values in, UTF-8 text
 * out into an sl_strbuf the caller owns.
 *
 * Ownership: every function appends to caller-owned sl_strbuf buffers and
 * keeps nothing; there is no global mutable state. An allocation failure
 * shows as the buffer's `failed` flag (or SL_NUM_NOMEM where a status is
 * returned).
 *
 * Locale: snprintf and strtod are used for the decimal digits and read the
 * C locale's decimal point. The engine never calls setlocale, so that is
 * always '.'; a program embedding simloop must not change LC_NUMERIC. */
#ifndef SL_NUMFMT_H
#define SL_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

/* Outcome of a fallible operation. The Python-level ones carry CPython's
 * exception type; their text is either written into an `err` buffer or
 * given by sl_num_message(). */
typedef enum sl_num_status {
  SL_NUM_OK = 0,
  SL_NUM_VALUE_ERROR,    /* ValueError */
  SL_NUM_OVERFLOW_ERROR, /* OverflowError */
  SL_NUM_ZERO_DIVISION,  /* ZeroDivisionError */
  SL_NUM_INT_OVERFLOW,   /* Python would produce an int beyond int64: not
                            an exception in Python, the engine reports it */
  SL_NUM_COMPLEX,        /* Python would produce a complex number */
  SL_NUM_NOMEM,          /* out of memory: the run ends */
  SL_NUM_MEMORY_ERROR,   /* a width, precision or int too large for simloop:
                            the program gets MemoryError, as from CPython
                            when it cannot allocate the result */
} sl_num_status;

/* The operation a status came from, to pick its message. */
typedef enum sl_num_op {
  SL_OP_ADD,
  SL_OP_SUB,
  SL_OP_MUL,
  SL_OP_TRUEDIV,  /* a / b */
  SL_OP_FLOORDIV, /* a // b */
  SL_OP_MOD,      /* a % b */
  SL_OP_DIVMOD,   /* divmod(a, b) */
  SL_OP_POW,      /* a ** b */
  SL_OP_TO_INT,   /* int(float), round(float) */
  SL_OP_ROUND,    /* round(float, n) */
} sl_num_op;

/* Largest width or precision simloop formats; beyond it SL_NUM_MEMORY_ERROR. */
#define SL_NUMFMT_MAX_WIDTH 10000000

/* ---- repr / str ------------------------------------------------------ */

/* repr(x) == str(x) for a float: shortest round-tripping digits,
 * exponent form below 1e-4 and from 1e16 ("1e-05", "1e+16"), "inf",
 * "-inf", "nan", "-0.0". */
void sl_float_repr(sl_strbuf *out, double x);
/* repr(v) == str(v) for an int. */
void sl_int_repr(sl_strbuf *out, int64_t v);
/* repr() of str and bytes: core/num/unicode.h. */

/* ---- format(value, spec) --------------------------------------------- */

/* format(v, spec) for an int, format(x, spec) for a float and format(s,
 * spec) for a str (UTF-8). `spec` is UTF-8 of length spec_len. py_minor is
 * 11..14 (the CPython 3.x version reproduced; 3.14 accepts grouping in the
 * fraction, ".3_f"). On success appends the text to `out`; otherwise
 * appends nothing to `out`, writes the exception text to `err` (may be
 * NULL) and returns its status (ValueError, or OverflowError for 'c'). */
sl_num_status sl_format_int(sl_strbuf *out, int64_t v, const char *spec, size_t spec_len,
                            int py_minor, sl_strbuf *err);
/* format(v, spec) for an int of any size (core/num/bigint.h); decimal
 * output past 4300 digits is CPython's ValueError. */
struct sl_bigint;
sl_num_status sl_format_bigint(sl_strbuf *out, const struct sl_bigint *v, const char *spec,
                               size_t spec_len, int py_minor, sl_strbuf *err);
sl_num_status sl_format_float(sl_strbuf *out, double x, const char *spec, size_t spec_len,
                              int py_minor, sl_strbuf *err);
sl_num_status sl_format_str(sl_strbuf *out, const char *s, size_t len, const char *spec,
                            size_t spec_len, int py_minor, sl_strbuf *err);

/* ---- parsing --------------------------------------------------------- */

struct sl_bigint;

/* int(s, base) for a str s (UTF-8); base 0 or 2..36 (10 is int(s)).
 * SL_NUM_INT_OVERFLOW when the value is valid but outside int64. Errors:
 * ValueError "invalid literal for int() with base 10: 'abc'" or "int()
 * base must be >= 2 and <= 36, or 0", written to err (may be NULL). */
sl_num_status sl_parse_int(const char *s, size_t len, int base, int64_t *out, sl_strbuf *err);
/* The same for ints of any size: a value beyond int64 goes into *big
 * (initialised by the caller) and SL_NUM_INT_OVERFLOW is returned. */
sl_num_status sl_parse_bigint(const char *s, size_t len, int base, int64_t *out,
                              struct sl_bigint *big, sl_strbuf *err);
/* float(s) for a str s (UTF-8); ValueError "could not convert string to
 * float: 'x'" on failure. Out-of-range values give inf or 0 as Python. */
sl_num_status sl_parse_float(const char *s, size_t len, double *out, sl_strbuf *err);

/* ---- arithmetic ------------------------------------------------------ */

/* Exact int64 arithmetic; SL_NUM_INT_OVERFLOW where Python's result would
 * not fit. floordiv/mod/divmod round toward negative infinity as Python
 * (-7 // 2 == -4, -7 % 2 == 1); a zero divisor gives SL_NUM_ZERO_DIVISION. */
sl_num_status sl_int_add(int64_t a, int64_t b, int64_t *r);
sl_num_status sl_int_sub(int64_t a, int64_t b, int64_t *r);
sl_num_status sl_int_mul(int64_t a, int64_t b, int64_t *r);
sl_num_status sl_int_neg(int64_t a, int64_t *r);
sl_num_status sl_int_floordiv(int64_t a, int64_t b, int64_t *r);
sl_num_status sl_int_mod(int64_t a, int64_t b, int64_t *r);
sl_num_status sl_int_divmod(int64_t a, int64_t b, int64_t *q, int64_t *m);
/* a / b for ints: correctly rounded as CPython's long_true_divide. */
sl_num_status sl_int_truediv(int64_t a, int64_t b, double *r);
/* a ** b. For b >= 0 an int (*is_float false, *ri set); for b < 0 Python
 * computes float(a) ** float(b) (*is_float true, *rf set). */
sl_num_status sl_int_pow(int64_t a, int64_t b, int64_t *ri, double *rf, bool *is_float);
/* round(v, ndigits) for an int (ndigits < 0 rounds half to even). */
sl_num_status sl_int_round(int64_t v, int64_t ndigits, int64_t *r);

/* Float operations (an int operand is converted with sl_int_to_float
 * first, as Python does). */
sl_num_status sl_float_truediv(double a, double b, double *r);
sl_num_status sl_float_floordiv(double a, double b, double *r);
sl_num_status sl_float_mod(double a, double b, double *r);
sl_num_status sl_float_divmod(double a, double b, double *q, double *m);
/* a ** b as float_pow: ZeroDivision for 0.0 ** negative, SL_NUM_COMPLEX
 * for a negative base and a non-integral exponent, OverflowError when the
 * result overflows. */
sl_num_status sl_float_pow(double a, double b, double *r);
/* round(x, ndigits) with correctly rounded decimal arithmetic (round(2.675,
 * 2) == 2.67); OverflowError "rounded value too large to represent". */
sl_num_status sl_float_round(double x, int64_t ndigits, double *r);
/* round(x) -> int: half to even, then as sl_float_to_int. */
sl_num_status sl_float_round_int(double x, int64_t *r);
/* int(x): truncation. OverflowError for inf, ValueError for nan,
 * SL_NUM_INT_OVERFLOW when finite but outside int64. */
sl_num_status sl_float_to_int(double x, int64_t *r);
/* float(v): round half to even, exact for |v| <= 2**53. */
double sl_int_to_float(int64_t v);
/* Compares v with x exactly as Python (no rounding of v): -1, 0 or 1, or
 * 2 when x is nan (every ordering false, != true). */
int sl_int_float_cmp(int64_t v, double x);

/* ZeroDivisionError's text for `op` on int operands (float_operands
 * false) or when either operand is a float, in CPython 3.<py_minor>. */
const char *sl_zerodiv_message(sl_num_op op, bool float_operands, int py_minor);
/* The exception text for a status returned by an arithmetic function
 * above (not for SL_NUM_OK/INT_OVERFLOW/COMPLEX/NOMEM: returns a
 * description of the condition for those). */
const char *sl_num_message(sl_num_status st, sl_num_op op, bool float_operands, int py_minor);

#endif
