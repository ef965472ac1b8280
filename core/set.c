/* set and frozenset. Mirrors the table of Objects/setobject.c: open
 * addressing with runs of linear probes (LINEAR_PROBES) between perturbed
 * jumps, dummies that are never reused, the same resize points and the
 * same copy/merge paths. A set of ints therefore iterates (and prints) in
 * the very order CPython's does: {3, 1, 2} is {1, 2, 3}. (str hashes are
 * randomised in CPython, so no program can rely on the order of str sets.) */
#include <string.h>

#include "core/alloc.h"
#include "core/dict-int.h"
#include "core/exc.h"
#include "core/rt.h"

#define MINSIZE       8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define DUMMY_HASH    (-1)

static bool is_empty(const sl__hentry *e) { return sl_is_undef(e->key) && e->hash == 0; }

/* Allocates the initial table of an empty set. */
static int ensure_table(sl_rt *rt, sl__htable *t) {
  if (t->entries) return 0;
  t->entries = sl_calloc(MINSIZE, sizeof *t->entries);
  if (!t->entries) return sl_nomem(rt);
  t->nentries = t->capentries = MINSIZE;
  return 0;
}

/* set_insert_clean: places a key known to be absent into a table without
 * dummies. */
static void insert_clean(sl__hentry *table, size_t mask, sl_value key, int64_t hash) {
  uint64_t perturb = (uint64_t)hash;
  size_t i = (size_t)hash & mask;
  for (;;) {
    sl__hentry *e = &table[i];
    if (is_empty(e)) goto found;
    if (i + LINEAR_PROBES <= mask)
      for (int j = 0; j < LINEAR_PROBES; j++) {
        e++;
        if (is_empty(e)) goto found;
      }
    perturb >>= PERTURB_SHIFT;
    i = (i * 5 + 1 + (size_t)perturb) & mask;
    continue;
  found:
    e->key = key;
    e->hash = hash;
    return;
  }
}

/* set_table_resize: the smallest power of two above minused. */
static int resize(sl_rt *rt, sl__htable *t, size_t minused) {
  size_t size = MINSIZE;
  while (size <= minused) size <<= 1;
  sl__hentry *table = sl_calloc(size, sizeof *table);
  if (!table) return sl_nomem(rt);
  for (size_t k = 0; k < t->nentries; k++)
    if (!sl_is_undef(t->entries[k].key))
      insert_clean(table, size - 1, t->entries[k].key, t->entries[k].hash);
  sl_free(t->entries);
  t->entries = table;
  t->nentries = t->capentries = size;
  t->fill = t->len;
  return 0;
}

/* Finds key: *slot its index, or -1 (set_lookkey). sl_eq may run code that
 * changes the table; then the search starts over, as CPython's does. */
static int lookup(sl_rt *rt, sl__htable *t, sl_value key, int64_t hash, long *slot) {
  *slot = -1;
  if (!t->entries) return 0;
restart:;
  size_t mask = t->nentries - 1;
  sl__hentry *table = t->entries;
  uint64_t perturb = (uint64_t)hash;
  size_t i = (size_t)hash & mask;
  for (;;) {
    sl__hentry *e = &table[i];
    int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    do {
      if (is_empty(e)) return 0;
      if (e->hash == hash && !sl_is_undef(e->key)) {
        bool same = sl_is(e->key, key);
        if (!same) {
          sl_value k = sl_vincref(e->key);
          int rc = sl_eq(rt, k, key, &same);
          sl_vdecref(rt, k);
          if (rc) return -1;
          if (t->entries != table || t->nentries - 1 != mask) goto restart;
        }
        if (same) {
          *slot = (long)(e - table);
          return 0;
        }
      }
      e++;
    } while (probes--);
    perturb >>= PERTURB_SHIFT;
    i = (i * 5 + 1 + (size_t)perturb) & mask;
  }
}

/* set_add_entry. Takes a new reference to key when it is added. */
int sl__set_add_hashed(sl_rt *rt, sl_obj *set, sl_value key, int64_t hash) {
  sl__htable *t = sl__as_htable(set);
  if (ensure_table(rt, t)) return -1;
  long slot;
  if (lookup(rt, t, key, hash, &slot)) return -1;
  if (slot >= 0) return 0;
  /* The first empty slot on the probe sequence (dummies are skipped, not
   * reused). */
  size_t mask = t->nentries - 1;
  uint64_t perturb = (uint64_t)hash;
  size_t i = (size_t)hash & mask;
  sl__hentry *e;
  for (;;) {
    e = &t->entries[i];
    int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    do {
      if (is_empty(e)) goto found;
      e++;
    } while (probes--);
    perturb >>= PERTURB_SHIFT;
    i = (i * 5 + 1 + (size_t)perturb) & mask;
  }
found:
  e->key = sl_vincref(key);
  e->hash = hash;
  t->fill++;
  t->len++;
  t->version++;
  if (t->fill * 5 < mask * 3) return 0;
  /* A failed resize leaves a valid (if full) table: the key stays in. */
  return resize(rt, t, t->len > 50000 ? t->len * 2 : t->len * 4);
}

int sl__set_add_any(sl_rt *rt, sl_obj *set, sl_value key) {
  int64_t h;
  if (sl__key_hash(rt, sl__as_htable(set), key, &h)) return -1;
  return sl__set_add_hashed(rt, set, key, h);
}

int sl_set_add(sl_rt *rt, sl_obj *set, sl_value key) { return sl__set_add_any(rt, set, key); }

int sl__set_contains_any(sl_rt *rt, sl_obj *set, sl_value key, bool *found) {
  int64_t h;
  long slot;
  *found = false;
  if (sl__key_hash(rt, sl__as_htable(set), key, &h)) return -1;
  if (lookup(rt, sl__as_htable(set), key, h, &slot)) return -1;
  *found = slot >= 0;
  return 0;
}

int sl_set_contains(sl_rt *rt, sl_obj *set, sl_value key, bool *found) {
  return sl__set_contains_any(rt, set, key, found);
}

/* Turns slot `slot` into a dummy and hands its key over. */
static sl_value take_slot(sl__htable *t, long slot) {
  sl__hentry *e = &t->entries[slot];
  sl_value k = e->key;
  e->key = sl_undef();
  e->hash = DUMMY_HASH;
  t->len--;
  t->version++;
  return k;
}

int sl_set_discard(sl_rt *rt, sl_obj *set, sl_value key, bool *found) {
  sl__htable *t = sl__as_htable(set);
  int64_t h;
  long slot;
  *found = false;
  if (sl__key_hash(rt, t, key, &h)) return -1;
  if (lookup(rt, t, key, h, &slot)) return -1;
  if (slot < 0) return 0;
  *found = true;
  sl_vdecref(rt, take_slot(t, slot));
  return 0;
}

/* set_pop: scans from the finger, wrapping around. */
bool sl__set_pop(sl_rt *rt, sl_obj *set, sl_value *key) {
  sl__htable *t = sl__as_htable(set);
  if (!t->len) return false;
  size_t mask = t->nentries - 1, i = t->finger & mask;
  while (sl_is_undef(t->entries[i].key)) i = (i + 1) & mask;
  *key = take_slot(t, (long)i);
  t->finger = i + 1;
  return true;
}

size_t sl_set_len(sl_obj *set) { return sl__as_htable(set)->len; }

bool sl_set_next(sl_obj *set, size_t *pos, sl_value *key) {
  sl__hentry *e;
  if (!sl__next_entry(sl__as_htable(set), pos, &e)) return false;
  *key = e->key;
  return true;
}

/* set_merge: `other`'s keys into `set`, with the pre-sizing and the fast
 * paths CPython takes (they decide the resulting layout). */
int sl__set_merge(sl_rt *rt, sl_obj *set, sl_obj *other) {
  sl__htable *t = sl__as_htable(set), *o = sl__as_htable(other);
  if (set == other || o->len == 0) return 0;
  if (ensure_table(rt, t)) return -1;
  if ((t->fill + o->len) * 5 >= (t->nentries - 1) * 3 && resize(rt, t, (t->len + o->len) * 2))
    return -1;
  if (t->fill == 0 && t->nentries == o->nentries && o->fill == o->len) {
    /* Same size, no dummies: slot-for-slot copy. */
    for (size_t i = 0; i < o->nentries; i++) {
      t->entries[i].key = sl_vincref(o->entries[i].key);
      t->entries[i].hash = o->entries[i].hash;
    }
    t->fill = t->len = o->len;
    t->version++;
    return 0;
  }
  if (t->fill == 0) {
    for (size_t i = 0; i < o->nentries; i++)
      if (!sl_is_undef(o->entries[i].key))
        insert_clean(t->entries, t->nentries - 1, sl_vincref(o->entries[i].key),
                     o->entries[i].hash);
    t->fill = t->len = o->len;
    t->version++;
    return 0;
  }
  for (size_t i = 0; i < o->nentries; i++) {
    /* Re-read: an __eq__ could in theory change `other`. */
    if (i >= o->nentries || sl_is_undef(o->entries[i].key)) continue;
    sl_value k = sl_vincref(o->entries[i].key);
    int rc = sl__set_add_hashed(rt, set, k, o->entries[i].hash);
    sl_vdecref(rt, k);
    if (rc) return -1;
  }
  return 0;
}

sl_obj *sl__set_copy(sl_rt *rt, sl_obj *set, const sl_type *type) {
  sl_obj *o = sl_obj_alloc(rt, type);
  if (!o) return NULL;
  if (sl__set_merge(rt, o, set)) {
    sl_decref(rt, o);
    return NULL;
  }
  return o;
}

/* ---- type slots ------------------------------------------------------------ */

static int set_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl__htable *t = sl__as_htable(o);
  bool frozen = o->type == &sl_frozenset_type;
  /* set_repr: a subclass's instance is wrapped in its type's name. */
  const char *wrap = sl_obj_ext_of(o) ? sl_type_name(sl_obj_val(o)) : frozen ? "frozenset" : NULL;
  if (!t->len) {
    sl_strbuf_printf(out, "%s()", wrap ? wrap : "set");
    return 0;
  }
  if (wrap) sl_strbuf_printf(out, "%s(", wrap);
  sl_strbuf_putc(out, '{');
  size_t pos = 0;
  sl__hentry *e;
  bool first = true;
  while (sl__next_entry(t, &pos, &e)) {
    if (!first) sl_strbuf_puts(out, ", ");
    first = false;
    sl_value k = sl_vincref(e->key);
    int rc = sl_repr(rt, k, out);
    sl_vdecref(rt, k);
    if (rc) return -1;
  }
  sl_strbuf_puts(out, wrap ? "})" : "}");
  return 0;
}

/* Whether every element of a is in b. */
static int issubset(sl_rt *rt, sl_obj *a, sl_obj *b, bool *res) {
  sl__htable *x = sl__as_htable(a);
  *res = false;
  if (x->len > sl__as_htable(b)->len) return 0;
  size_t pos = 0;
  sl__hentry *e;
  while (sl__next_entry(x, &pos, &e)) {
    long slot;
    sl_value k = sl_vincref(e->key);
    int rc = lookup(rt, sl__as_htable(b), k, e->hash, &slot);
    sl_vdecref(rt, k);
    if (rc) return -1;
    if (slot < 0) return 0;
  }
  *res = true;
  return 0;
}

/* set == frozenset compares contents, as in Python. */
static int set_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (!sl__is_anyset(b)) return 0;
  if (sl__as_htable(a)->len != sl__as_htable(b.u.o)->len) return 0;
  return issubset(rt, a, b.u.o, res);
}

/* a < b is "proper subset" for sets. */
static int set_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (sl__as_htable(a)->len >= sl__as_htable(b.u.o)->len) {
    *res = false;
    return 0;
  }
  return issubset(rt, a, b.u.o, res);
}

/* frozenset's hash: order-independent shuffles of the element hashes,
 * following frozenset_hash's structure. */
static int frozenset_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  sl__htable *t = sl__as_htable(o);
  uint64_t h = 0;
  size_t pos = 0;
  sl__hentry *e;
  while (sl__next_entry(t, &pos, &e)) {
    uint64_t x = (uint64_t)e->hash;
    h ^= ((x ^ 89869747ULL) ^ (x << 16)) * 3644798167ULL;
  }
  h ^= ((uint64_t)t->len + 1) * 1927868237ULL;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069U + 907133923UL;
  int64_t r = (int64_t)h;
  *out = r == -1 ? 590923713 : r;
  return 0;
}

const sl_type sl_set_type = {.name = "set",
                             .clear = sl__htable_clear_slot,
                             .release = sl__htable_release,
                             .repr = set_repr,
                             .eq = set_eq,
                             .lt = set_lt,
                             .unhashable = true,
                             .truth = sl__htable_truth,
                             .flags = SL_TF_REPR_GUARD | SL_TF_STABLE_ATTRS,
                             .size = sizeof(sl__htable)};

const sl_type sl_frozenset_type = {.name = "frozenset",
                                   .clear = sl__htable_clear_slot,
                                   .release = sl__htable_release,
                                   .repr = set_repr,
                                   .eq = set_eq,
                                   .lt = set_lt,
                                   .hash = frozenset_hash,
                                   .truth = sl__htable_truth,
                                   .flags = SL_TF_STABLE_ATTRS,
                                   .size = sizeof(sl__htable)};

sl_obj *sl_set_new(sl_rt *rt) { return sl_obj_alloc(rt, &sl_set_type); }
sl_obj *sl__frozenset_new(sl_rt *rt) { return sl_obj_alloc(rt, &sl_frozenset_type); }

/* ---- algebra (setobject.c's paths, which decide the layouts) ------------- */

static bool is_anyset(sl_value v) {
  return sl_is_type(v, &sl_set_type) || sl_is_type(v, &sl_frozenset_type);
}

/* set_update_internal: a set merges, a dict is presized, anything else is
 * iterated. The iteration is the caller's (core/lang has the protocol), so
 * this handles sets and dicts and returns 1 for "iterate it yourself". */
int sl__set_update_fast(sl_rt *rt, sl_obj *set, sl_value other) {
  if (is_anyset(other)) return sl__set_merge(rt, set, other.u.o);
  if (!sl_is_type(other, &sl_dict_type)) return 1;
  sl__htable *t = sl__as_htable(set), *d = sl__as_htable(other.u.o);
  if (ensure_table(rt, t)) return -1;
  if ((t->fill + d->len) * 5 >= (t->nentries - 1) * 3 && resize(rt, t, (t->len + d->len) * 2))
    return -1;
  size_t pos = 0;
  sl__hentry *e;
  while (sl__next_entry(d, &pos, &e)) {
    sl_value k = sl_vincref(e->key);
    int rc = sl__set_add_hashed(rt, set, k, e->hash);
    sl_vdecref(rt, k);
    if (rc) return -1;
  }
  return 0;
}

/* set_intersection with a set: iterate the smaller, keep what the other
 * has. A new set of `type`. */
sl_obj *sl__set_intersection(sl_rt *rt, sl_obj *a, sl_obj *b, const sl_type *type) {
  sl_obj *r = sl_obj_alloc(rt, type);
  if (!r) return NULL;
  sl_obj *so = a, *other = b;
  if (sl__as_htable(other)->len > sl__as_htable(so)->len) so = b, other = a;
  size_t pos = 0;
  sl__hentry *e;
  while (sl__next_entry(sl__as_htable(other), &pos, &e)) {
    sl_value k = sl_vincref(e->key);
    int64_t h = e->hash;
    long slot;
    int rc = lookup(rt, sl__as_htable(so), k, h, &slot);
    if (!rc && slot >= 0) rc = sl__set_add_hashed(rt, r, k, h);
    sl_vdecref(rt, k);
    if (rc) {
      sl_decref(rt, r);
      return NULL;
    }
  }
  return r;
}

/* The dummy clean-up at the end of set_difference_update_internal. */
static int shrink_dummies(sl_rt *rt, sl__htable *t) {
  if (!t->entries || t->fill - t->len <= (t->nentries - 1) / 4) return 0;
  return resize(rt, t, t->len > 50000 ? t->len * 2 : t->len * 4);
}

/* set_difference_update_internal with a set argument. */
int sl__set_difference_update(sl_rt *rt, sl_obj *set, sl_obj *other) {
  if (set == other) {
    sl__htable_clear(rt, set);
    return 0;
  }
  sl_obj *held = other;
  if ((sl__as_htable(other)->len >> 3) > sl__as_htable(set)->len) {
    held = sl__set_intersection(rt, set, other, &sl_set_type);
    if (!held) return -1;
  } else {
    sl_incref(held);
  }
  size_t pos = 0;
  sl__hentry *e;
  int rc = 0;
  while (!rc && sl__next_entry(sl__as_htable(held), &pos, &e)) {
    sl_value k = sl_vincref(e->key);
    long slot;
    rc = lookup(rt, sl__as_htable(set), k, e->hash, &slot);
    if (!rc && slot >= 0) sl_vdecref(rt, take_slot(sl__as_htable(set), slot));
    sl_vdecref(rt, k);
  }
  sl_decref(rt, held);
  return rc ? -1 : shrink_dummies(rt, sl__as_htable(set));
}

/* After discarding the items of an arbitrary iterable. */
int sl__set_after_discards(sl_rt *rt, sl_obj *set) {
  return shrink_dummies(rt, sl__as_htable(set));
}

/* set_difference with a set argument: a new set of `type`. */
sl_obj *sl__set_difference(sl_rt *rt, sl_obj *a, sl_obj *b, const sl_type *type) {
  if ((sl__as_htable(a)->len >> 2) > sl__as_htable(b)->len) {
    sl_obj *r = sl__set_copy(rt, a, type);
    if (r && sl__set_difference_update(rt, r, b)) {
      sl_decref(rt, r);
      return NULL;
    }
    return r;
  }
  sl_obj *r = sl_obj_alloc(rt, type);
  if (!r) return NULL;
  size_t pos = 0;
  sl__hentry *e;
  while (sl__next_entry(sl__as_htable(a), &pos, &e)) {
    sl_value k = sl_vincref(e->key);
    int64_t h = e->hash;
    long slot;
    int rc = lookup(rt, sl__as_htable(b), k, h, &slot);
    if (!rc && slot < 0) rc = sl__set_add_hashed(rt, r, k, h);
    sl_vdecref(rt, k);
    if (rc) {
      sl_decref(rt, r);
      return NULL;
    }
  }
  return r;
}

/* set_symmetric_difference_update with a set argument. */
int sl__set_symdiff_update(sl_rt *rt, sl_obj *set, sl_obj *other) {
  if (set == other) {
    sl__htable_clear(rt, set);
    return 0;
  }
  sl_incref(other);
  size_t pos = 0;
  sl__hentry *e;
  int rc = 0;
  while (!rc && sl__next_entry(sl__as_htable(other), &pos, &e)) {
    sl_value k = sl_vincref(e->key);
    int64_t h = e->hash;
    long slot;
    rc = lookup(rt, sl__as_htable(set), k, h, &slot);
    if (!rc) {
      if (slot >= 0)
        sl_vdecref(rt, take_slot(sl__as_htable(set), slot));
      else
        rc = sl__set_add_hashed(rt, set, k, h);
    }
    sl_vdecref(rt, k);
  }
  sl_decref(rt, other);
  return rc;
}

/* set_symmetric_difference: a copy of b (with a's type) updated with a. */
sl_obj *sl__set_symdiff(sl_rt *rt, sl_obj *a, sl_obj *b, const sl_type *type) {
  sl_obj *r = sl__set_copy(rt, b, type);
  if (r && sl__set_symdiff_update(rt, r, a)) {
    sl_decref(rt, r);
    return NULL;
  }
  return r;
}

sl_obj *sl_frozenset_const(sl_rt *rt, const sl_value *items, size_t n, bool remade) {
  sl_obj *made = sl__frozenset_new(rt);
  int rc = made ? 0 : -1;
  for (size_t i = 0; i < n && !rc; i++) rc = sl__set_add_any(rt, made, items[i]);
  if (!rc && !remade) return made;
  sl_obj *merged = rc ? NULL : sl__frozenset_new(rt);
  sl_value key;
  rc = merged ? 0 : -1;
  for (size_t pos = 0; !rc && sl_set_next(made, &pos, &key);) rc = sl__set_add_any(rt, merged, key);
  sl_decref(rt, made);
  if (!rc) return merged;
  sl_decref(rt, merged);
  return NULL;
}
