/* Which arguments repeat an earlier one, by identity: gather keeps an
 * arg_to_fut dict, wait and as_completed take set(fs); for futures and
 * coroutines (whose equality is identity) all three mean "the same
 * object given twice is one child, at its first position".
 *
 * Ownership: the returned array belongs to the caller (sl_free). */
#ifndef SL_DEDUP_H
#define SL_DEDUP_H

#include <stddef.h>

#include "core/object.h"

/* For each of the n values, the index of its first occurrence (itself when
 * it is the first); values that are not objects are never shared. NULL
 * when out of memory (nothing raised: the caller reports it). */
size_t *sl_first_occurrences(const sl_value *values, size_t n);

#endif
