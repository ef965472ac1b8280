/* A hash map from names to small indexes, for the compiler's tables
 * (a scope's symbols, a code object's names and locals), so that a
 * module with hundreds of thousands of names compiles in linear time,
 * not quadratic (issue 13, item 4: a 50 MB source).
 *
 * Ownership: the map borrows its keys (NUL-terminated names that outlive
 * it: the AST arena's or static strings) and owns only its slot array,
 * released with sl_namemap_free. */
#ifndef SL_LANG_NAMEMAP_H
#define SL_LANG_NAMEMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct sl_namemap_slot {
  const char *key; /* NULL: empty */
  uint32_t index;
} sl_namemap_slot;

typedef struct sl_namemap {
  sl_namemap_slot *slots;
  size_t cap, n; /* cap: 0 or a power of two, kept over 2n */
} sl_namemap;

#define SL_NAMEMAP_INIT                                                                            \
  { NULL, 0, 0 }

/* The index stored for `name`, or -1. */
int64_t sl_namemap_get(const sl_namemap *m, const char *name);
/* Stores `index` for `name`, which must not be present yet. 0, or -1 out
 * of memory (the map is unchanged then). */
int sl_namemap_put(sl_namemap *m, const char *name, uint32_t index);
void sl_namemap_free(sl_namemap *m);

#endif
