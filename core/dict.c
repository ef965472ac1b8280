/* dict: an insertion-ordered hash table (see dict.h and dict-int.h); set
 * and frozenset are in set.c. Mirrors the compact layout of Objects/dictobject.c: an
 * entries array in insertion order and a separate sparse index. */
#include "core/dict-int.h"

#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/rt.h"
#include "core/str.h"

#define EMPTY     (-1)
#define DUMMY     (-2)
#define MIN_INDEX 8

/* ---- table mechanics ---------------------------------------------------- */

/* The source of dict versions: thread-local, because runs on different
 * threads need no common numbering, only distinct values within one. */
static _Thread_local uint64_t last_version;

/* Marks a change of t's keys: a fresh version for dicts (unique, see
 * dict-int.h); sets keep plain counting. */
static void changed(sl__htable *t) {
  if (t->hdr.type == &sl_dict_type)
    t->version = ++last_version;
  else
    t->version++;
}

void sl__htable_clear_slot(sl_rt *rt, sl_obj *o) {
  sl__htable *t = sl__as_htable(o);
  /* Detach first: a key's clear may reach this table again through a cycle. */
  sl__hentry *entries = t->entries;
  size_t n = t->nentries;
  t->entries = NULL;
  t->nentries = t->capentries = t->len = 0;
  sl_free(t->index);
  t->index = NULL;
  t->indexcap = 0;
  t->fill = t->finger = 0;
  changed(t);
  for (size_t i = 0; i < n; i++) {
    sl_vdecref(rt, entries[i].key);
    sl_vdecref(rt, entries[i].value);
  }
  sl_free(entries);
}

void sl__htable_release(sl_obj *o) {
  sl__htable *t = sl__as_htable(o);
  sl_free(t->entries);
  sl_free(t->index);
  t->entries = NULL;
  t->index = NULL;
}

void sl__htable_clear(sl_rt *rt, sl_obj *table) { sl__htable_clear_slot(rt, table); }

/* sl_hash for a key of this table. CPython 3.14 (gh-132828) words a failed
 * hash of a key: "cannot use 'list' as a dict key (unhashable type:
 * 'list')", "... as a set element (...)". */
int sl__key_hash(sl_rt *rt, sl__htable *t, sl_value key, int64_t *h) {
  if (!sl_hash(rt, key, h)) return 0;
  if (!rt->profile->unhashable_key_message || !rt->exc ||
      !sl_exc_isinstance(rt->exc, SL_EXC_TYPE_ERROR))
    return -1;
  sl_strbuf msg = SL_STRBUF_INIT;
  sl_obj *exc = sl_err_fetch(rt);
  int rc = sl_str(rt, sl_obj_val(exc), &msg);
  if (!rc)
    sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot use '%s' as a %s (%s)", sl_type_name(key),
             t->hdr.type == &sl_dict_type ? "dict key" : "set element", sl_strbuf_cstr(&msg));
  sl_decref(rt, exc);
  sl_strbuf_free(&msg);
  return -1;
}

/* Finds `key` (with hash h). Returns 0 with *slot the index slot holding it
 * (or -1 if absent, *free_slot then the slot to insert into), -1 on error.
 * sl_eq may run arbitrary code for exotic keys, so entries are re-read
 * after every comparison rather than cached. */
static int lookup(sl_rt *rt, sl__htable *t, sl_value key, int64_t h, long *slot, long *free_slot) {
  *slot = -1;
  *free_slot = -1;
  if (!t->indexcap) return 0;
  size_t mask = t->indexcap - 1;
  uint64_t perturb = (uint64_t)h;
  size_t i = (size_t)h & mask;
  for (;;) {
    int32_t ix = t->index[i];
    if (ix == EMPTY) {
      if (*free_slot < 0) *free_slot = (long)i;
      return 0;
    }
    if (ix == DUMMY) {
      if (*free_slot < 0) *free_slot = (long)i;
    } else {
      sl__hentry *e = &t->entries[ix];
      if (e->hash == h) {
        bool same = sl_is(e->key, key);
        if (!same) {
          sl_value k = sl_vincref(e->key);
          int rc = sl_eq(rt, k, key, &same);
          sl_vdecref(rt, k);
          if (rc) return -1;
          if (!t->indexcap || t->index[i] != ix) {
            /* The table changed under us: start over, as CPython does. */
            return lookup(rt, t, key, h, slot, free_slot);
          }
        }
        if (same) {
          *slot = (long)i;
          return 0;
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + 1 + (size_t)perturb) & mask;
  }
}

/* Rebuilds the index with room for `need` live entries, dropping deleted
 * entries. Allocates everything before touching the table. */
static int rebuild(sl_rt *rt, sl__htable *t, size_t need) {
  size_t cap = MIN_INDEX;
  while (cap * 2 < need * 3) cap *= 2; /* keep the index at most 2/3 full */
  size_t capentries = cap * 2 / 3;
  int32_t *index = sl_malloc(cap * sizeof *index);
  sl__hentry *entries = sl_malloc(capentries * sizeof *entries);
  if (!index || !entries || cap > INT32_MAX) {
    sl_free(index);
    sl_free(entries);
    return sl_nomem(rt);
  }
  for (size_t i = 0; i < cap; i++) index[i] = EMPTY;
  size_t n = 0;
  for (size_t k = 0; k < t->nentries; k++) {
    if (sl_is_undef(t->entries[k].key)) continue;
    entries[n] = t->entries[k];
    uint64_t perturb = (uint64_t)entries[n].hash;
    size_t i = (size_t)entries[n].hash & (cap - 1);
    while (index[i] != EMPTY) {
      perturb >>= 5;
      i = (i * 5 + 1 + (size_t)perturb) & (cap - 1);
    }
    index[i] = (int32_t)n;
    n++;
  }
  sl_free(t->index);
  sl_free(t->entries);
  t->index = index;
  t->indexcap = cap;
  t->entries = entries;
  t->capentries = capentries;
  t->nentries = n;
  return 0;
}

/* Inserts or replaces. `value` is SL_V_UNDEF for sets (a set never
 * replaces an existing key). Takes new references on success only. */
static int insert(sl_rt *rt, sl__htable *t, sl_value key, sl_value value) {
  int64_t h;
  if (sl__key_hash(rt, t, key, &h)) return -1;
  long slot, free_slot;
  if (lookup(rt, t, key, h, &slot, &free_slot)) return -1;
  if (slot >= 0) {
    if (!sl_is_undef(value)) sl_vset(rt, &t->entries[t->index[slot]].value, sl_vincref(value));
    return 0;
  }
  if (t->nentries == t->capentries) {
    /* Room for twice the live entries: amortised O(1) inserts. */
    if (rebuild(rt, t, t->len * 2 + 1)) return -1;
    if (lookup(rt, t, key, h, &slot, &free_slot)) return -1;
  }
  sl__hentry *e = &t->entries[t->nentries];
  e->hash = h;
  t->hash_bloom |= sl__dict_hash_bit(h);
  e->key = sl_vincref(key);
  e->value = sl_vincref(value);
  t->index[free_slot] = (int32_t)t->nentries;
  t->nentries++;
  t->len++;
  changed(t);
  return 0;
}

/* Removes the entry in index slot `slot`, handing key and value over. */
static void remove_slot(sl__htable *t, long slot, sl_value *key, sl_value *value) {
  sl__hentry *e = &t->entries[t->index[slot]];
  *key = e->key;
  *value = e->value;
  e->key = sl_undef();
  e->value = sl_undef();
  t->index[slot] = DUMMY;
  t->len--;
  changed(t);
}

static int remove_key(sl_rt *rt, sl__htable *t, sl_value key, sl_value *value, bool *found) {
  int64_t h;
  *found = false;
  if (sl__key_hash(rt, t, key, &h)) return -1;
  if (!(t->hash_bloom & sl__dict_hash_bit(h))) return 0;
  long slot, free_slot;
  if (lookup(rt, t, key, h, &slot, &free_slot)) return -1;
  if (slot < 0) return 0;
  sl_value k;
  remove_slot(t, slot, &k, value);
  *found = true;
  sl_vdecref(rt, k);
  return 0;
}

bool sl__next_entry(sl__htable *t, size_t *pos, sl__hentry **out) {
  while (*pos < t->nentries) {
    sl__hentry *e = &t->entries[(*pos)++];
    if (!sl_is_undef(e->key)) {
      *out = e;
      return true;
    }
  }
  return false;
}

int sl__htable_truth(sl_rt *rt, sl_obj *o, bool *res) {
  *res = sl__as_htable(o)->len != 0;
  return 0;
}

/* ---- dict ---------------------------------------------------------------- */

int sl__dict_repr_plain(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl__htable *t = sl__as_htable(o);
  sl_strbuf_putc(out, '{');
  size_t pos = 0;
  sl__hentry *e;
  bool first = true;
  /* Hold the entries alive: a repr cannot mutate, but keep to the rule. */
  while (sl__next_entry(t, &pos, &e)) {
    if (!first) sl_strbuf_puts(out, ", ");
    first = false;
    sl_value k = sl_vincref(e->key), v = sl_vincref(e->value);
    int rc = sl_repr(rt, k, out);
    if (!rc) {
      sl_strbuf_puts(out, ": ");
      rc = sl_repr(rt, v, out);
    }
    sl_vdecref(rt, k);
    sl_vdecref(rt, v);
    if (rc) return -1;
  }
  sl_strbuf_putc(out, '}');
  return 0;
}

static int dict_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  const sl_dict_kind *k = sl__as_htable(o)->kind;
  if (k && k->repr) return k->repr(rt, o, out);
  return sl__dict_repr_plain(rt, o, out);
}

static int dict_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  *res = false;
  if (!sl_is_type(b, &sl_dict_type)) return 0;
  const sl_dict_kind *k = sl__as_htable(a)->kind;
  if (k && k->eq) {
    int r = k->eq(rt, a, b, res);
    if (r) return r < 0 ? -1 : 0;
  }
  sl__htable *x = sl__as_htable(a), *y = sl__as_htable(b.u.o);
  if (x->len != y->len) return 0;
  size_t pos = 0;
  sl__hentry *e;
  while (sl__next_entry(x, &pos, &e)) {
    sl_value k = sl_vincref(e->key), v = sl_vincref(e->value), w;
    bool found, same = false;
    int rc = sl_dict_get(rt, b.u.o, k, &w, &found);
    if (!rc && found) {
      same = sl_is(v, w);
      if (!same) rc = sl_eq(rt, v, w, &same);
      sl_vdecref(rt, w);
    }
    sl_vdecref(rt, k);
    sl_vdecref(rt, v);
    if (rc) return -1;
    if (!found || !same) return 0;
  }
  *res = true;
  return 0;
}

/* The dict's clear slot also drops what its kind keeps (dict.clear() does not). */
static void dict_clear_slot(sl_rt *rt, sl_obj *o) {
  sl__htable *t = sl__as_htable(o);
  sl_value aux = t->aux;
  t->aux = sl_undef();
  sl_vdecref(rt, aux);
  sl__htable_clear_slot(rt, o);
}

const sl_type sl_dict_type = {.name = "dict",
                              .clear = dict_clear_slot,
                              .release = sl__htable_release,
                              .repr = dict_repr,
                              .eq = dict_eq,
                              .flags = SL_TF_REPR_GUARD,
                              .unhashable = true,
                              .truth = sl__htable_truth,
                              .size = sizeof(sl__htable)};

sl_obj *sl_dict_new(sl_rt *rt) { return sl_obj_alloc(rt, &sl_dict_type); }

int sl_dict_get(sl_rt *rt, sl_obj *dict, sl_value key, sl_value *out, bool *found) {
  sl__htable *t = sl__as_htable(dict);
  int64_t h;
  *found = false;
  if (sl__key_hash(rt, t, key, &h)) return -1;
  if (!(t->hash_bloom & sl__dict_hash_bit(h))) return 0;
  long slot, free_slot;
  if (lookup(rt, t, key, h, &slot, &free_slot)) return -1;
  if (slot < 0) return 0;
  *found = true;
  *out = sl_vincref(t->entries[t->index[slot]].value);
  return 0;
}

int sl__dict_reserve(sl_rt *rt, sl_obj *dict, size_t n) {
  sl__htable *t = sl__as_htable(dict);
  if (t->capentries >= n) return 0;
  return rebuild(rt, t, n);
}

int sl__dict_find(sl_rt *rt, sl_obj *dict, sl_value key, long *ix) {
  sl__htable *t = sl__as_htable(dict);
  int64_t h;
  *ix = -1;
  if (sl__key_hash(rt, t, key, &h)) return -1;
  if (!(t->hash_bloom & sl__dict_hash_bit(h))) return 0;
  long slot, free_slot;
  if (lookup(rt, t, key, h, &slot, &free_slot)) return -1;
  if (slot >= 0) *ix = t->index[slot];
  return 0;
}

/* The hash str.c gives a str with these bytes (FNV-1a, shifted right once);
 * lets a C string be looked up without allocating a str. test_ops checks
 * the two stay in step. */
static int64_t cstr_hash(const char *s, size_t len) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return (int64_t)(h >> 1);
}

long sl__dict_find_str(sl_obj *dict, sl_obj *key) {
  sl__htable *t = sl__as_htable(dict);
  if (!t->indexcap) return -1;
  sl_strobj *k = sl_as_str(key);
  int64_t h = k->hash;
  if (h == -1) h = k->hash = cstr_hash(k->data, k->len);
  if (!(t->hash_bloom & sl__dict_hash_bit(h))) return -1;
  size_t mask = t->indexcap - 1;
  uint64_t perturb = (uint64_t)h;
  size_t i = (size_t)h & mask;
  for (;;) {
    int32_t ix = t->index[i];
    if (ix == EMPTY) return -1;
    if (ix != DUMMY) {
      sl__hentry *e = &t->entries[ix];
      if (e->key.tag == SL_V_OBJ && e->key.u.o == key) return ix;
      if (e->hash == h && sl_is_str(e->key) && sl_as_str(e->key.u.o)->len == k->len &&
          memcmp(sl_str_cstr(e->key.u.o), k->data, k->len) == 0)
        return ix;
    }
    perturb >>= 5;
    i = (i * 5 + 1 + (size_t)perturb) & mask;
  }
}

int sl_dict_get_str(sl_rt *rt, sl_obj *dict, const char *key, sl_value *out, bool *found) {
  sl__htable *t = sl__as_htable(dict);
  *found = false;
  if (!t->indexcap) return 0;
  size_t len = strlen(key);
  int64_t h = cstr_hash(key, len);
  if (!(t->hash_bloom & sl__dict_hash_bit(h))) return 0;
  size_t mask = t->indexcap - 1;
  uint64_t perturb = (uint64_t)h;
  size_t i = (size_t)h & mask;
  for (;;) {
    int32_t ix = t->index[i];
    if (ix == EMPTY) return 0;
    if (ix != DUMMY) {
      sl__hentry *e = &t->entries[ix];
      if (e->hash == h && sl_is_str(e->key) && sl_as_str(e->key.u.o)->len == len &&
          memcmp(sl_str_cstr(e->key.u.o), key, len) == 0) {
        *found = true;
        *out = sl_vincref(e->value);
        return 0;
      }
    }
    perturb >>= 5;
    i = (i * 5 + 1 + (size_t)perturb) & mask;
  }
}

int sl_dict_set(sl_rt *rt, sl_obj *dict, sl_value key, sl_value value) {
  return insert(rt, sl__as_htable(dict), key, value);
}

int sl_dict_set_str(sl_rt *rt, sl_obj *dict, const char *key, sl_value value) {
  sl_obj *k = sl_str_from_cstr(rt, key);
  if (!k) return -1;
  int rc = sl_dict_set(rt, dict, sl_obj_val(k), value);
  sl_decref(rt, k);
  return rc;
}

int sl_dict_del(sl_rt *rt, sl_obj *dict, sl_value key, bool *found) {
  sl_value v = sl_undef();
  int rc = remove_key(rt, sl__as_htable(dict), key, &v, found);
  sl_vdecref(rt, v);
  return rc;
}

int sl__dict_pop(sl_rt *rt, sl_obj *dict, sl_value key, sl_value *value, bool *found) {
  return remove_key(rt, sl__as_htable(dict), key, value, found);
}

bool sl__dict_popitem(sl_rt *rt, sl_obj *dict, sl_value *key, sl_value *value) {
  sl__htable *t = sl__as_htable(dict);
  while (t->nentries > 0 && sl_is_undef(t->entries[t->nentries - 1].key)) t->nentries--;
  if (!t->nentries) return false;
  sl__hentry *e = &t->entries[t->nentries - 1];
  /* Find its index slot by probing for the entry position. */
  size_t mask = t->indexcap - 1;
  uint64_t perturb = (uint64_t)e->hash;
  size_t i = (size_t)e->hash & mask;
  while (t->index[i] != (int32_t)(t->nentries - 1)) {
    perturb >>= 5;
    i = (i * 5 + 1 + (size_t)perturb) & mask;
  }
  remove_slot(t, (long)i, key, value);
  t->nentries--;
  return true;
}

size_t sl_dict_len(sl_obj *dict) { return sl__as_htable(dict)->len; }

bool sl_dict_next(sl_obj *dict, size_t *pos, sl_value *key, sl_value *value) {
  sl__hentry *e;
  if (!sl__next_entry(sl__as_htable(dict), pos, &e)) return false;
  *key = e->key;
  if (value) *value = e->value;
  return true;
}

sl_obj *sl__htable_copy(sl_rt *rt, sl_obj *table, const sl_type *type) {
  if (type != &sl_dict_type) return sl__set_copy(rt, table, type);
  sl__htable *src = sl__as_htable(table);
  sl_obj *o = sl_obj_alloc(rt, type);
  if (!o) return NULL;
  sl__htable *t = sl__as_htable(o);
  if (src->len && rebuild(rt, t, src->len)) {
    sl_decref(rt, o);
    return NULL;
  }
  /* Re-insert with the stored hashes: no hashing or comparing can fail. */
  size_t pos = 0;
  sl__hentry *e;
  size_t mask = t->indexcap - 1;
  while (sl__next_entry(src, &pos, &e)) {
    sl__hentry *d = &t->entries[t->nentries];
    d->hash = e->hash;
    d->key = sl_vincref(e->key);
    d->value = sl_is_undef(e->value) || type != &sl_dict_type ? sl_undef() : sl_vincref(e->value);
    uint64_t perturb = (uint64_t)e->hash;
    size_t i = (size_t)e->hash & mask;
    while (t->index[i] != EMPTY) {
      perturb >>= 5;
      i = (i * 5 + 1 + (size_t)perturb) & mask;
    }
    t->index[i] = (int32_t)t->nentries++;
    t->len++;
    if (type == &sl_dict_type) t->hash_bloom |= sl__dict_hash_bit(e->hash);
  }
  changed(t);
  return o;
}
