/* itertools.tee (Modules/itertoolsmodule.c's teeobject): n iterators over
 * one source, each seeing every item. The items read from the source are
 * kept in one shared buffer (teedataobject's linked blocks in CPython,
 * which frees what every iterator has passed; here the buffer lives as
 * long as one of the iterators). tee() of a tee iterator returns it first
 * and copies of it after, as CPython does through __copy__ (3.13: only
 * copies, profile switch tee_copies_tee_input). */
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/tuple.h"

/* The shared state: the source iterator and every item read from it. */
typedef struct tee_data {
  sl_obj hdr;
  sl_value src;  /* owned iterator */
  sl_obj *items; /* owned list */
  bool done;     /* the source is exhausted */
} tee_data;

/* One iterator: its position in the shared items. */
typedef struct tee_obj {
  sl_obj hdr;
  sl_obj *data; /* owned tee_data */
  size_t next;
} tee_obj;

static void data_clear(sl_rt *rt, sl_obj *o) {
  tee_data *d = (tee_data *)o;
  sl_vset(rt, &d->src, sl_undef());
  sl_decref(rt, d->items);
  d->items = NULL;
}

static const sl_type data_type = {
    .name = "_tee_dataobject", .clear = data_clear, .size = sizeof(tee_data)};

static void tee_clear(sl_rt *rt, sl_obj *o) {
  tee_obj *t = (tee_obj *)o;
  sl_decref(rt, t->data);
  t->data = NULL;
}

static int tee_self(sl_rt *rt, sl_obj *o, sl_value *out) {
  (void)rt;
  sl_incref(o);
  return *out = sl_obj_val(o), 0;
}

static int tee_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  tee_obj *t = (tee_obj *)o;
  tee_data *d = (tee_data *)t->data;
  sl_list *items = sl_as_list(d->items);
  if (t->next < items->len) {
    *out = sl_vincref(items->items[t->next++]);
    return 1;
  }
  if (d->done) return 0;
  int r = sl_iter_next(rt, d->src, out);
  if (r <= 0) {
    d->done = r == 0;
    return r;
  }
  if (sl_list_append(rt, d->items, *out)) {
    sl_vdecref(rt, *out);
    return -1;
  }
  t->next++;
  return 1;
}

static int tee_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt;
  sl_strbuf_printf(out, "<itertools._tee object at %p>", (void *)o);
  return 0;
}

static const sl_lang_slots tee_slots = {.iter = tee_self, .next = tee_next};
static const sl_type tee_type = {.name = "_tee",
                                 .clear = tee_clear,
                                 .repr = tee_repr,
                                 .lang = &tee_slots,
                                 .size = sizeof(tee_obj)};

/* A new iterator on `data` (borrowed) at position `next`. */
static sl_obj *tee_new(sl_rt *rt, sl_obj *data, size_t next) {
  tee_obj *t = (tee_obj *)sl_obj_alloc(rt, &tee_type);
  if (!t) return NULL;
  sl_incref(data);
  t->data = data;
  t->next = next;
  return &t->hdr;
}

/* The first iterator: the argument itself when it is a tee iterator (3.13:
 * a copy of it), else one on a new buffer over iter(iterable). */
static sl_obj *first_of(sl_rt *rt, sl_value iterable) {
  sl_value it;
  if (sl_iter(rt, iterable, &it)) return NULL;
  if (sl_is_type(it, &tee_type) && rt->profile->tee_copies_tee_input) {
    const tee_obj *t = (const tee_obj *)it.u.o;
    sl_obj *copy = tee_new(rt, t->data, t->next);
    sl_vdecref(rt, it);
    return copy;
  }
  if (sl_is_type(it, &tee_type)) return it.u.o;
  tee_data *d = (tee_data *)sl_obj_alloc(rt, &data_type);
  if (!d || !(d->items = sl_list_new(rt, NULL, 0))) {
    if (d) sl_decref(rt, &d->hdr);
    sl_vdecref(rt, it);
    return NULL;
  }
  d->src = it;
  sl_obj *t = tee_new(rt, &d->hdr, 0);
  sl_decref(rt, &d->hdr);
  return t;
}

/* tee(iterable, n=2): a tuple of n iterators. */
int sl__itertools_tee(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "tee() takes no keyword arguments");
  if (args->npos < 1 || args->npos > 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "tee expected at most 2 arguments, got %zu", args->npos);
  int64_t n = 2;
  if (args->npos == 2) {
    sl_value nv = args->pos[1];
    if (nv.tag != SL_V_INT && nv.tag != SL_V_BOOL)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(nv));
    n = nv.tag == SL_V_INT ? nv.u.i : nv.u.b;
  }
  if (n < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "n must be >= 0");
  if (n == 0) {
    sl_obj *empty = sl_tuple_new(rt, NULL, 0);
    return empty ? (*out = sl_obj_val(empty), 0) : -1;
  }
  sl_value *its = sl_calloc((size_t)n, sizeof *its);
  if (!its) return sl_nomem(rt);
  sl_obj *first = first_of(rt, args->pos[0]);
  int64_t made = 0;
  if (first) its[made++] = sl_obj_val(first);
  while (first && made < n) {
    const tee_obj *f = (const tee_obj *)first;
    sl_obj *c = tee_new(rt, f->data, f->next);
    if (!c) break;
    its[made++] = sl_obj_val(c);
  }
  sl_obj *tup = made == n ? sl_tuple_new(rt, its, (size_t)n) : NULL;
  for (int64_t i = 0; i < made; i++) sl_vdecref(rt, its[i]);
  sl_free(its);
  return tup ? (*out = sl_obj_val(tup), 0) : -1;
}
