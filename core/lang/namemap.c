/* Open addressing with linear probing over FNV-1a hashes (namemap.h).
 * Names are never removed, so there are no tombstones. */
#include "core/lang/namemap.h"

#include <string.h>

#include "core/alloc.h"

static uint64_t hash_name(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

/* The slot holding `name`, or the empty slot where it would go. */
static sl_namemap_slot *probe(sl_namemap_slot *slots, size_t cap, const char *name) {
  size_t i = (size_t)hash_name(name) & (cap - 1);
  while (slots[i].key && strcmp(slots[i].key, name)) i = (i + 1) & (cap - 1);
  return &slots[i];
}

int64_t sl_namemap_get(const sl_namemap *m, const char *name) {
  if (!m->cap) return -1;
  const sl_namemap_slot *s = probe(m->slots, m->cap, name);
  return s->key ? (int64_t)s->index : -1;
}

static int grow(sl_namemap *m) {
  size_t cap = m->cap ? m->cap * 2 : 16;
  sl_namemap_slot *slots = sl_calloc(cap, sizeof *slots);
  if (!slots) return -1;
  for (size_t i = 0; i < m->cap; i++)
    if (m->slots[i].key) *probe(slots, cap, m->slots[i].key) = m->slots[i];
  sl_free(m->slots);
  m->slots = slots;
  m->cap = cap;
  return 0;
}

int sl_namemap_put(sl_namemap *m, const char *name, uint32_t index) {
  if (2 * (m->n + 1) > m->cap && grow(m)) return -1;
  sl_namemap_slot *s = probe(m->slots, m->cap, name);
  s->key = name;
  s->index = index;
  m->n++;
  return 0;
}

void sl_namemap_free(sl_namemap *m) {
  sl_free(m->slots);
  *m = (sl_namemap)SL_NAMEMAP_INIT;
}
