/* The iterator object of the `itertools` module: one type for every kind,
 * advancing as Modules/itertoolsmodule.c does (product, permutations and
 * combinations step their index vectors as the C code does; a groupby and
 * its groupers share one underlying iterator). */
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"
#include "core/lang/modules/mod_itertools-int.h"

const char *const sl_itertools_kind_names[K__COUNT] = {
    "count",        "cycle",        "repeat",
    "chain",        "islice",       "accumulate",
    "takewhile",    "dropwhile",    "starmap",
    "zip_longest",  "pairwise",     "batched",
    "groupby",      "_grouper",     "product",
    "permutations", "combinations", "combinations_with_replacement",
    "compress",     "filterfalse"};

static void it_clear(sl_rt *rt, sl_obj *o) {
  it_obj *t = (it_obj *)o;
  sl_vset(rt, &t->src, sl_undef());
  sl_vset(rt, &t->cur, sl_undef());
  sl_vset(rt, &t->fn, sl_undef());
  sl_vset(rt, &t->key, sl_undef());
  sl_vset(rt, &t->currkey, sl_undef());
  sl_decref(rt, t->pool);
  sl_decref(rt, t->iters);
  t->pool = t->iters = NULL;
}

static void it_release(sl_obj *o) {
  it_obj *t = (it_obj *)o;
  sl_free(t->idx);
  sl_free(t->cyc);
  t->idx = t->cyc = NULL;
}

static int it_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  it_obj *t = (it_obj *)o;
  if (t->kind == K_COUNT) {
    sl_strbuf_puts(out, "count(");
    if (sl_vm_repr(rt, t->cur, out)) return -1;
    bool one = t->fn.tag == SL_V_INT && t->fn.u.i == 1;
    if (!one) {
      sl_strbuf_puts(out, ", ");
      if (sl_vm_repr(rt, t->fn, out)) return -1;
    }
    sl_strbuf_putc(out, ')');
    return 0;
  }
  if (t->kind == K_REPEAT) {
    sl_strbuf_puts(out, "repeat(");
    if (sl_vm_repr(rt, t->cur, out)) return -1;
    if (t->left >= 0) sl_strbuf_printf(out, ", %lld", (long long)t->left);
    sl_strbuf_putc(out, ')');
    return 0;
  }
  sl_strbuf_printf(out, "<itertools.%s object at %p>", sl_itertools_kind_names[t->kind], (void *)o);
  return 0;
}

static int it_self(sl_rt *rt, sl_obj *o, sl_value *out) {
  (void)rt;
  sl_incref(o);
  return *out = sl_obj_val(o), 0;
}

static int it_next(sl_rt *rt, sl_obj *o, sl_value *out);
static const sl_lang_slots it_slots = {.iter = it_self, .next = it_next};
static const sl_type it_type = {.name = "itertools",
                                .clear = it_clear,
                                .release = it_release,
                                .repr = it_repr,
                                .lang = &it_slots,
                                .size = sizeof(it_obj)};

it_obj *sl_itertools_new(sl_rt *rt, it_kind kind) {
  it_obj *t = (it_obj *)sl_obj_alloc(rt, &it_type);
  if (t) t->kind = kind;
  return t;
}

static int done(it_obj *t) {
  t->done = true;
  return 0;
}

/* A tuple of pool items at the indexes idx[0..r). */
static int pick(sl_rt *rt, sl_list *pool, const int64_t *idx, int64_t r, sl_value *out) {
  sl_value buf[r ? r : 1];
  for (int64_t i = 0; i < r; i++) buf[i] = pool->items[idx[i]];
  sl_obj *tt = sl_tuple_new(rt, buf, (size_t)r);
  return tt ? (*out = sl_obj_val(tt), 1) : -1;
}

static int call1(sl_rt *rt, sl_value fn, sl_value x, sl_value *out) {
  return sl_vm_call_pos(rt, fn, &x, 1, out);
}

static int truth_of_call(sl_rt *rt, sl_value fn, sl_value x, bool *res) {
  sl_value r;
  if (sl_is_none(fn)) return sl_truth(rt, x, res);
  if (call1(rt, fn, x, &r)) return -1;
  int rc = sl_truth(rt, r, res);
  sl_vdecref(rt, r);
  return rc;
}

/* groupby_step: the next value and its key. 1, 0 exhausted, -1. */
static int gb_step(sl_rt *rt, it_obj *g) {
  sl_value v, k;
  int r = sl_iter_next(rt, g->src, &v);
  if (r <= 0) return r;
  if (sl_is_none(g->fn))
    k = sl_vincref(v);
  else if (call1(rt, g->fn, v, &k)) {
    sl_vdecref(rt, v);
    return -1;
  }
  sl_vset(rt, &g->cur, v);
  sl_vset(rt, &g->currkey, k);
  return 1;
}

static int next_product(sl_rt *rt, it_obj *t, sl_value *out) {
  sl_tuple *pools = sl_as_tuple(t->pool);
  int64_t n = (int64_t)pools->len;
  if (!t->started) {
    t->started = true;
    for (int64_t i = 0; i < n; i++)
      if (!sl_as_list(pools->items[i].u.o)->len) return done(t);
  } else {
    /* the rightmost index that can move moves; those right of it reset */
    int64_t i = n - 1;
    for (; i >= 0; i--) {
      if (++t->idx[i] < (int64_t)sl_as_list(pools->items[i].u.o)->len) break;
      t->idx[i] = 0;
    }
    if (i < 0) return done(t);
  }
  sl_value buf[n ? n : 1];
  for (int64_t i = 0; i < n; i++) buf[i] = sl_as_list(pools->items[i].u.o)->items[t->idx[i]];
  sl_obj *tt = sl_tuple_new(rt, buf, (size_t)n);
  return tt ? (*out = sl_obj_val(tt), 1) : -1;
}

static int next_permutations(sl_rt *rt, it_obj *t, sl_value *out) {
  int64_t n = t->n, r = t->r;
  if (!t->started) {
    t->started = true;
    if (r > n) return done(t);
    return pick(rt, sl_as_list(t->pool), t->idx, r, out);
  }
  if (n == 0) return done(t);
  for (int64_t i = r - 1; i >= 0; i--) {
    if (--t->cyc[i] == 0) {
      /* rotate idx[i:] left by one */
      int64_t first = t->idx[i];
      memmove(t->idx + i, t->idx + i + 1, (size_t)(n - i - 1) * sizeof *t->idx);
      t->idx[n - 1] = first;
      t->cyc[i] = n - i;
    } else {
      int64_t j = t->cyc[i], tmp = t->idx[i];
      t->idx[i] = t->idx[n - j];
      t->idx[n - j] = tmp;
      return pick(rt, sl_as_list(t->pool), t->idx, r, out);
    }
  }
  return done(t);
}

static int next_combinations(sl_rt *rt, it_obj *t, sl_value *out, bool wr) {
  int64_t n = t->n, r = t->r;
  if (!t->started) {
    t->started = true;
    if (wr ? (n == 0 && r > 0) : r > n) return done(t);
    return pick(rt, sl_as_list(t->pool), t->idx, r, out);
  }
  int64_t i = r - 1;
  if (wr) {
    while (i >= 0 && t->idx[i] == n - 1) i--;
    if (i < 0) return done(t);
    int64_t v = t->idx[i] + 1;
    for (int64_t j = i; j < r; j++) t->idx[j] = v;
  } else {
    while (i >= 0 && t->idx[i] == i + n - r) i--;
    if (i < 0) return done(t);
    t->idx[i]++;
    for (int64_t j = i + 1; j < r; j++) t->idx[j] = t->idx[j - 1] + 1;
  }
  return pick(rt, sl_as_list(t->pool), t->idx, r, out);
}

static int it_next(sl_rt *rt, sl_obj *o, sl_value *out) {
  it_obj *t = (it_obj *)o;
  if (t->done) return 0;
  int r;
  switch (t->kind) {
  case K_COUNT: {
    sl_value nx;
    if (sl_binary_op(rt, SL_BIN_ADD, t->cur, t->fn, &nx)) return -1;
    *out = t->cur;
    t->cur = nx;
    return 1;
  }
  case K_CYCLE:
    if (!t->flag) {
      r = sl_iter_next(rt, t->src, out);
      if (r < 0) return -1;
      if (r == 1) return sl_list_append(rt, t->pool, *out) ? -1 : 1;
      t->flag = true; /* the source is exhausted: replay the saved items */
    }
    if (!sl_as_list(t->pool)->len) return done(t);
    *out = sl_vincref(sl_as_list(t->pool)->items[t->next]);
    t->next = (t->next + 1) % (int64_t)sl_as_list(t->pool)->len;
    return 1;
  case K_REPEAT:
    if (t->left == 0) return 0;
    if (t->left > 0) t->left--;
    return *out = sl_vincref(t->cur), 1;
  case K_CHAIN:
    for (;;) {
      if (!sl_is_undef(t->cur)) {
        r = sl_iter_next(rt, t->cur, out);
        if (r) return r;
        sl_vset(rt, &t->cur, sl_undef());
      }
      sl_value nx, it;
      r = sl_iter_next(rt, t->src, &nx);
      if (r <= 0) return r < 0 ? -1 : done(t);
      int rc = sl_iter(rt, nx, &it);
      sl_vdecref(rt, nx);
      if (rc) return -1;
      t->cur = it;
    }
  case K_ISLICE:
    /* islice: skip to `next`, yield, then next += step; stop at `stop` (-1: none) */
    while (t->n < t->next) {
      sl_value skip;
      r = sl_iter_next(rt, t->src, &skip);
      if (r <= 0) return r < 0 ? -1 : done(t);
      sl_vdecref(rt, skip);
      t->n++;
    }
    if (t->stop >= 0 && t->n >= t->stop) return done(t);
    r = sl_iter_next(rt, t->src, out);
    if (r <= 0) return r < 0 ? -1 : done(t);
    t->n++;
    t->next += t->step;
    if (t->stop >= 0 && t->next > t->stop) t->next = t->stop;
    return 1;
  case K_ACCUMULATE: {
    if (!t->started && !sl_is_undef(t->cur)) {
      t->started = true;
      return *out = sl_vincref(t->cur), 1;
    }
    t->started = true;
    sl_value x, acc;
    r = sl_iter_next(rt, t->src, &x);
    if (r <= 0) return r < 0 ? -1 : done(t);
    if (sl_is_undef(t->cur)) {
      t->cur = x;
      return *out = sl_vincref(x), 1;
    }
    int rc;
    if (sl_is_none(t->fn))
      rc = sl_binary_op(rt, SL_BIN_ADD, t->cur, x, &acc);
    else {
      sl_value argv[2] = {t->cur, x};
      rc = sl_vm_call_pos(rt, t->fn, argv, 2, &acc);
    }
    sl_vdecref(rt, x);
    if (rc) return -1;
    sl_vset(rt, &t->cur, acc);
    return *out = sl_vincref(acc), 1;
  }
  case K_TAKEWHILE: {
    r = sl_iter_next(rt, t->src, out);
    if (r <= 0) return r < 0 ? -1 : done(t);
    bool ok;
    if (truth_of_call(rt, t->fn, *out, &ok)) {
      sl_vdecref(rt, *out);
      return -1;
    }
    if (ok) return 1;
    sl_vdecref(rt, *out);
    return done(t);
  }
  case K_DROPWHILE:
  case K_FILTERFALSE:
    for (;;) {
      r = sl_iter_next(rt, t->src, out);
      if (r <= 0) return r < 0 ? -1 : done(t);
      if (t->flag) return 1; /* dropwhile: the predicate failed once */
      bool ok;
      if (truth_of_call(rt, t->fn, *out, &ok)) {
        sl_vdecref(rt, *out);
        return -1;
      }
      if (!ok) {
        if (t->kind == K_DROPWHILE) t->flag = true;
        return 1;
      }
      sl_vdecref(rt, *out);
    }
  case K_COMPRESS:
    for (;;) {
      sl_value sel;
      r = sl_iter_next(rt, t->src, out);
      if (r <= 0) return r < 0 ? -1 : done(t);
      int r2 = sl_iter_next(rt, t->key, &sel);
      if (r2 <= 0) {
        sl_vdecref(rt, *out);
        return r2 < 0 ? -1 : done(t);
      }
      bool ok;
      int rc = sl_truth(rt, sel, &ok);
      sl_vdecref(rt, sel);
      if (rc) {
        sl_vdecref(rt, *out);
        return -1;
      }
      if (ok) return 1;
      sl_vdecref(rt, *out);
    }
  case K_STARMAP: {
    sl_value args, call;
    r = sl_iter_next(rt, t->src, &args);
    if (r <= 0) return r < 0 ? -1 : done(t);
    const sl_value *items;
    size_t n;
    sl_obj *owned = NULL;
    int rc = sl_seq_items(rt, args, &items, &n, &owned);
    if (!rc) rc = sl_vm_call_pos(rt, t->fn, items, n, &call);
    sl_decref(rt, owned);
    sl_vdecref(rt, args);
    if (rc) return -1;
    return *out = call, 1;
  }
  case K_ZIP_LONGEST: {
    sl_tuple *its = sl_as_tuple(t->iters);
    size_t n = its->len;
    if (!n || t->left == 0) return done(t);
    sl_value buf[n];
    for (size_t i = 0; i < n; i++) {
      if (sl_is_none(its->items[i])) {
        buf[i] = sl_vincref(t->fn);
        continue;
      }
      r = sl_iter_next(rt, its->items[i], &buf[i]);
      if (r < 0) {
        while (i) sl_vdecref(rt, buf[--i]);
        return -1;
      }
      if (r == 0) {
        sl_vset(rt, &its->items[i], sl_none());
        if (--t->left == 0) {
          while (i) sl_vdecref(rt, buf[--i]);
          return done(t);
        }
        buf[i] = sl_vincref(t->fn);
      }
    }
    sl_obj *tt = sl_tuple_new(rt, buf, n);
    for (size_t i = 0; i < n; i++) sl_vdecref(rt, buf[i]);
    return tt ? (*out = sl_obj_val(tt), 1) : -1;
  }
  case K_PAIRWISE: {
    if (sl_is_undef(t->cur)) {
      r = sl_iter_next(rt, t->src, &t->cur);
      if (r <= 0) return r < 0 ? -1 : done(t);
    }
    sl_value nx;
    r = sl_iter_next(rt, t->src, &nx);
    if (r <= 0) return r < 0 ? -1 : done(t);
    sl_value pair[2] = {t->cur, nx};
    sl_obj *tt = sl_tuple_new(rt, pair, 2);
    sl_vset(rt, &t->cur, nx);
    return tt ? (*out = sl_obj_val(tt), 1) : -1;
  }
  case K_BATCHED: {
    sl_obj *l = sl_list_new(rt, NULL, 0);
    if (!l) return -1;
    for (int64_t i = 0; i < t->n; i++) {
      sl_value x;
      r = sl_iter_next(rt, t->src, &x);
      if (r < 0) {
        sl_decref(rt, l);
        return -1;
      }
      if (r == 0) break;
      int rc = sl_list_append(rt, l, x);
      sl_vdecref(rt, x);
      if (rc) {
        sl_decref(rt, l);
        return -1;
      }
    }
    size_t got = sl_as_list(l)->len;
    if (!got) {
      sl_decref(rt, l);
      return done(t);
    }
    if (t->flag && (int64_t)got < t->n) {
      sl_decref(rt, l);
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "batched(): incomplete batch");
    }
    sl_obj *tt = sl_tuple_new(rt, sl_as_list(l)->items, got);
    sl_decref(rt, l);
    return tt ? (*out = sl_obj_val(tt), 1) : -1;
  }
  case K_GROUPBY: {
    t->currgrouper = NULL;
    for (;;) {
      if (sl_is_undef(t->currkey)) {
        /* pass */
      } else if (sl_is_undef(t->key)) {
        break;
      } else {
        bool eq;
        if (sl_compare(rt, SL_CMP_EQ, t->key, t->currkey, &eq)) return -1;
        if (!eq) break;
      }
      r = gb_step(rt, t);
      if (r <= 0) return r < 0 ? -1 : done(t);
    }
    sl_vset(rt, &t->key, sl_vincref(t->currkey));
    it_obj *g = sl_itertools_new(rt, K_GROUPER);
    if (!g) return -1;
    sl_incref(o);
    g->cur = sl_obj_val(o);
    g->key = sl_vincref(t->key);
    t->currgrouper = &g->hdr;
    sl_value pair[2] = {t->currkey, sl_obj_val(&g->hdr)};
    sl_obj *tt = sl_tuple_new(rt, pair, 2);
    sl_decref(rt, &g->hdr);
    return tt ? (*out = sl_obj_val(tt), 1) : -1;
  }
  case K_GROUPER: {
    it_obj *gb = (it_obj *)t->cur.u.o;
    if (gb->currgrouper != o) return 0;
    if (sl_is_undef(gb->cur)) {
      r = gb_step(rt, gb);
      if (r <= 0) return r;
    }
    bool eq;
    if (sl_compare(rt, SL_CMP_EQ, t->key, gb->currkey, &eq)) return -1;
    if (!eq) return 0;
    *out = gb->cur;
    gb->cur = sl_undef();
    return 1;
  }
  case K_PRODUCT: return next_product(rt, t, out);
  case K_PERMUTATIONS: return next_permutations(rt, t, out);
  case K_COMBINATIONS: return next_combinations(rt, t, out, false);
  case K_COMBINATIONS_WR: return next_combinations(rt, t, out, true);
  default: return 0;
  }
}
