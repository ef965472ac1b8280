/* Internals shared by bigint.c and bigint_conv.c. */
#ifndef SL_NUM_BIGINT_INT_H
#define SL_NUM_BIGINT_INT_H

#include "core/num/bigint.h"

/* Makes r an owned, zero-filled positive number of n digits (r freed
 * first); the caller fills it and normalises. */
sl_num_status sl__bigint_alloc(sl_bigint *r, size_t n);
/* Drops leading zero digits (a zero gets sign 0). */
void sl__bigint_normalize(sl_bigint *r);
/* Compares magnitudes: -1, 0, 1. */
int sl__mag_cmp(const sl_digit *a, size_t an, const sl_digit *b, size_t bn);

#endif
