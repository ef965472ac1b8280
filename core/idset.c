/* Insertion-ordered identity set (idset.h). The hash table maps an object
 * to its position in `order`; a discard empties the position and marks
 * its slot deleted (it keeps probing chains intact); both kinds of
 * garbage go when the table is rebuilt. */
#include "core/idset.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/rt.h"

#define SLOT_EMPTY   0
#define SLOT_DELETED SIZE_MAX

/* The slot holding o, or the empty slot where the probe for o ended. */
static size_t probe(const sl_idset *s, const sl_obj *o) {
  size_t mask = s->capslots - 1;
  for (size_t i = sl_ptr_hash(o) & mask;; i = (i + 1) & mask) {
    size_t v = s->slots[i];
    if (v == SLOT_EMPTY || (v != SLOT_DELETED && s->order[v - 1] == o)) return i;
  }
}

/* Squeezes the holes out of `order` and rebuilds the table with room for
 * at least `want` members at a load of at most one half. */
static int rebuild(sl_rt *rt, sl_idset *s, size_t want) {
  size_t cap = 8;
  while (cap < 2 * want) cap *= 2;
  size_t *slots = sl_calloc(cap, sizeof *slots);
  if (!slots) return sl_nomem(rt);
  size_t n = 0;
  for (size_t i = 0; i < s->norder; i++)
    if (s->order[i]) s->order[n++] = s->order[i];
  s->norder = n;
  sl_free(s->slots);
  s->slots = slots;
  s->capslots = cap;
  for (size_t i = 0; i < n; i++) s->slots[probe(s, s->order[i])] = i + 1;
  return 0;
}

bool sl_idset_contains(const sl_idset *s, const sl_obj *o) {
  return s->capslots && s->slots[probe(s, o)] != SLOT_EMPTY;
}

int sl_idset_reserve(sl_rt *rt, sl_idset *s) {
  /* Positions used (members and holes) stay below half the table, so
   * probes stay short and always reach an empty slot. */
  if (2 * (s->norder + 1) > s->capslots && rebuild(rt, s, s->len + 1)) return -1;
  if (s->norder == s->caporder) {
    size_t cap = s->caporder ? 2 * s->caporder : 8;
    sl_obj **grown = sl_realloc(s->order, cap * sizeof *grown);
    if (!grown) return sl_nomem(rt);
    s->order = grown;
    s->caporder = cap;
  }
  return 0;
}

int sl_idset_add(sl_rt *rt, sl_idset *s, sl_obj *o) {
  if (sl_idset_contains(s, o)) return 0;
  if (sl_idset_reserve(rt, s)) return -1;
  sl_incref(o);
  s->order[s->norder++] = o;
  s->slots[probe(s, o)] = s->norder;
  s->len++;
  return 0;
}

bool sl_idset_discard(sl_rt *rt, sl_idset *s, sl_obj *o) {
  if (!s->capslots) return false;
  size_t i = probe(s, o);
  if (s->slots[i] == SLOT_EMPTY) return false;
  s->order[s->slots[i] - 1] = NULL;
  s->slots[i] = SLOT_DELETED;
  s->len--;
  sl_decref(rt, o);
  return true;
}

void sl_idset_clear(sl_rt *rt, sl_idset *s) {
  size_t n = s->norder;
  sl_obj **order = s->order;
  /* Empty first: a member's destructor may look at the set. */
  s->norder = s->len = 0;
  if (s->capslots) memset(s->slots, 0, s->capslots * sizeof *s->slots);
  for (size_t i = 0; i < n; i++)
    if (order[i]) {
      sl_obj *o = order[i];
      order[i] = NULL;
      sl_decref(rt, o);
    }
}

void sl_idset_free(sl_idset *s) {
  sl_free(s->order);
  sl_free(s->slots);
  memset(s, 0, sizeof *s);
}
