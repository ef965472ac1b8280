/* Run-derived identities (see identity.h). */
#include "core/identity.h"

#include <stdbool.h>

#include "core/alloc.h"
#include "core/rt.h"

/* Where the identities start: the high half of a 48-bit user address
 * space, where CPython's heap objects usually are, 16 bytes apart. */
#define ADDRESS_BASE UINT64_C(0x7f0000000000)
#define ADDRESS_STEP 16u

/* Only where an identity is stored depends on the address, never which
 * identity an object gets. */
static size_t slot_of(const sl_identities *t, const sl_obj *o) {
  return sl_ptr_hash(o) & (t->cap - 1);
}

static size_t find(const sl_identities *t, const sl_obj *o) {
  size_t i = slot_of(t, o);
  while (t->keys[i] && t->keys[i] != o) i = (i + 1) & (t->cap - 1);
  return i;
}

static int grow(sl_identities *t) {
  size_t cap = t->cap ? t->cap * 2 : 64;
  sl_identities n = {sl_calloc(cap, sizeof *n.keys), sl_calloc(cap, sizeof *n.serials), cap, 0,
                     t->next};
  if (!n.keys || !n.serials) {
    sl_free(n.keys);
    sl_free(n.serials);
    return -1;
  }
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->keys[i]) continue;
    size_t j = find(&n, t->keys[i]);
    n.keys[j] = t->keys[i];
    n.serials[j] = t->serials[i];
    n.len++;
  }
  sl_free(t->keys);
  sl_free(t->serials);
  *t = n;
  return 0;
}

static int serial_of(sl_rt *rt, sl_obj *o, uint64_t *out) {
  sl_identities *t = &rt->identities;
  if (o->identified) {
    *out = t->serials[find(t, o)];
    return 0;
  }
  if ((t->len + 1) * 4 > t->cap * 3 && grow(t)) return sl_nomem(rt);
  size_t i = find(t, o);
  t->keys[i] = o;
  t->serials[i] = ++t->next;
  t->len++;
  o->identified = 1;
  *out = t->serials[i];
  return 0;
}

int sl_identity_address(sl_rt *rt, sl_obj *o, uint64_t *out) {
  uint64_t serial = 0;
  if (serial_of(rt, o, &serial)) return -1;
  *out = ADDRESS_BASE + serial * ADDRESS_STEP;
  return 0;
}

int sl_identity_put(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  uint64_t address = 0;
  if (sl_identity_address(rt, o, &address)) return -1;
  sl_strbuf_printf(out, "0x%llx", (unsigned long long)address);
  return 0;
}

int sl_identity_put_end(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  if (sl_identity_put(rt, o, out)) return -1;
  sl_strbuf_putc(out, '>');
  return 0;
}

int sl_identity_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  uint64_t address = 0;
  if (sl_identity_address(rt, o, &address)) return -1;
  *out = (int64_t)(address >> 4);
  return 0;
}

void sl_identity_forget(sl_rt *rt, sl_obj *o) {
  sl_identities *t = &rt->identities;
  size_t i = find(t, o);
  if (!t->keys[i]) return;
  t->keys[i] = NULL;
  t->len--;
  o->identified = 0;
  /* Backward-shift deletion: move up every later entry of the probe run
   * that the hole would otherwise hide from its home slot. */
  size_t hole = i;
  for (size_t j = (i + 1) & (t->cap - 1); t->keys[j]; j = (j + 1) & (t->cap - 1)) {
    size_t home = slot_of(t, t->keys[j]);
    bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
    if (!movable) continue;
    t->keys[hole] = t->keys[j];
    t->serials[hole] = t->serials[j];
    t->keys[j] = NULL;
    hole = j;
  }
}

void sl_identity_free(sl_rt *rt) {
  sl_free(rt->identities.keys);
  sl_free(rt->identities.serials);
  rt->identities = (sl_identities){0};
}
