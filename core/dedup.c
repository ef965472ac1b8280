/* Identity de-duplication for gather, wait and as_completed (dedup.h).
 * Sorting (object, index) pairs keeps them O(n log n) over 100,000
 * awaitables; scanning the earlier arguments made each one quadratic. */
#include "core/dedup.h"

#include <stdlib.h>

#include "core/alloc.h"

/* An argument and its position, sorted to find repeated arguments. */
typedef struct arg_ref {
  uintptr_t obj; /* 0 for a value that is not an object: never shared */
  size_t index;
} arg_ref;

static int arg_ref_cmp(const void *pa, const void *pb) {
  const arg_ref *a = pa, *b = pb;
  if (a->obj != b->obj) return a->obj < b->obj ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

size_t *sl_first_occurrences(const sl_value *values, size_t n) {
  arg_ref *refs = sl_calloc(n ? n : 1, sizeof *refs);
  size_t *first = refs ? sl_calloc(n ? n : 1, sizeof *first) : NULL;
  if (!first) {
    sl_free(refs);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    refs[i] = (arg_ref){values[i].tag == SL_V_OBJ ? (uintptr_t)values[i].u.o : 0, i};
  qsort(refs, n, sizeof *refs, arg_ref_cmp);
  for (size_t k = 0; k < n; k++) {
    bool repeat = k > 0 && refs[k].obj && refs[k].obj == refs[k - 1].obj;
    first[refs[k].index] = repeat ? first[refs[k - 1].index] : refs[k].index;
  }
  sl_free(refs);
  return first;
}
