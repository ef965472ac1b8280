/* An insertion-ordered set of objects by identity, with add, discard and
 * membership in constant time: the engine's stand-in for the sets CPython
 * keeps of tasks and futures (TaskGroup._tasks, as_completed's todo),
 * whose iteration order the oracle pins to insertion order. A discarded
 * member leaves a hole (NULL) in `order`, squeezed out when holes
 * outnumber members, so iteration stays in insertion order.
 *
 *   for (size_t i = 0; i < s->norder; i++)
 *     if (s->order[i]) ... s->order[i] ...
 *
 * Ownership: the set holds a reference to each member; sl_idset_clear drops
 * them, sl_idset_free releases the arrays (call clear first when members
 * remain). Zero-initialised memory is an empty set. */
#ifndef SL_IDSET_H
#define SL_IDSET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/object.h"

typedef struct sl_idset {
  sl_obj **order; /* members in insertion order; NULL where one left */
  size_t norder, caporder;
  size_t *slots;   /* open addressing over `order`: index + 1, 0 empty */
  size_t capslots; /* a power of two, or 0 */
  size_t len;      /* members */
} sl_idset;

/* Makes room for one more member, so that the next sl_idset_add cannot
 * fail. 0, or -1 with MemoryError. */
int sl_idset_reserve(sl_rt *rt, sl_idset *s);
/* Adds o (one new reference) unless present. 0, or -1 with MemoryError. */
int sl_idset_add(sl_rt *rt, sl_idset *s, sl_obj *o);
/* Removes o and drops the set's reference; false when o is not a member. */
bool sl_idset_discard(sl_rt *rt, sl_idset *s, sl_obj *o);
bool sl_idset_contains(const sl_idset *s, const sl_obj *o);
/* Drops every member (the arrays stay for reuse). */
void sl_idset_clear(sl_rt *rt, sl_idset *s);
void sl_idset_free(sl_idset *s);

#endif
