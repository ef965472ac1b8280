/* The `itertools` module. Mirrors Modules/itertoolsmodule.c: lazy
 * iterators producing CPython's sequences in CPython's order (product,
 * permutations and combinations advance their index vectors as the C code
 * does; groupby shares its underlying iterator with its groupers, so
 * advancing the groupby ends the previous group). count and repeat have
 * CPython's reprs; the others print as "<itertools.x object at ...>".
 * batched exists from 3.12 (strict= from 3.13). Not provided: tee. */
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

typedef enum it_kind {
  K_COUNT,
  K_CYCLE,
  K_REPEAT,
  K_CHAIN,
  K_ISLICE,
  K_ACCUMULATE,
  K_TAKEWHILE,
  K_DROPWHILE,
  K_STARMAP,
  K_ZIP_LONGEST,
  K_PAIRWISE,
  K_BATCHED,
  K_GROUPBY,
  K_GROUPER,
  K_PRODUCT,
  K_PERMUTATIONS,
  K_COMBINATIONS,
  K_COMBINATIONS_WR,
  K_COMPRESS,
  K_FILTERFALSE,
  K__COUNT
} it_kind;

static const char *const KIND_NAMES[K__COUNT] = {
    "count",        "cycle",        "repeat",
    "chain",        "islice",       "accumulate",
    "takewhile",    "dropwhile",    "starmap",
    "zip_longest",  "pairwise",     "batched",
    "groupby",      "_grouper",     "product",
    "permutations", "combinations", "combinations_with_replacement",
    "compress",     "filterfalse"};

/* One object for every kind; each kind uses the fields its comment names. */
typedef struct it_obj {
  sl_obj hdr;
  it_kind kind;
  sl_value src;     /* owned iterator: most kinds; chain: the iterator of iterables */
  sl_value cur;     /* owned: count's next value, repeat's object, chain's current
                      * iterator, accumulate's total, pairwise's previous item,
                      * groupby's current value, grouper's parent */
  sl_value fn;      /* owned: the function, or count's step, or the fill value */
  sl_value key;     /* owned: groupby's target key, grouper's key, compress's selectors */
  sl_value currkey; /* owned: groupby's current key */
  sl_obj *pool;  /* owned list: cycle's saved items; product/permutations/combinations' pool(s) */
  sl_obj *iters; /* owned tuple of iterators: zip_longest */
  int64_t *idx;  /* owned: index vectors (product, permutations, combinations) */
  int64_t *cyc;  /* owned: permutations' cycles */
  int64_t n, r, next, stop, step, left; /* counters of the kinds that need them */
  bool started, done, flag;
  sl_obj *currgrouper; /* borrowed: groupby's live grouper (identity only) */
} it_obj;

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
  sl_strbuf_printf(out, "<itertools.%s object at %p>", KIND_NAMES[t->kind], (void *)o);
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

static it_obj *it_new(sl_rt *rt, it_kind kind) {
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
    it_obj *g = it_new(rt, K_GROUPER);
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

/* ---- constructors ------------------------------------------------------------- */

static int finish(it_obj *t, sl_value *out) { return *out = sl_obj_val(&t->hdr), 0; }

static int fail(sl_rt *rt, it_obj *t) {
  sl_decref(rt, &t->hdr);
  return -1;
}

static int with_iter(sl_rt *rt, it_kind kind, sl_value iterable, it_obj **out) {
  it_obj *t = it_new(rt, kind);
  if (!t) return -1;
  if (sl_iter(rt, iterable, &t->src)) return fail(rt, t);
  return *out = t, 0;
}

static int index_arg(sl_rt *rt, sl_value v, int64_t *out) {
  if (sl_as_index(v, out) && v.tag != SL_V_FLOAT) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                  sl_type_name(v));
}

static int f_count(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"start", "step"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "count", names, 2, 0, 2, a)) return -1;
  it_obj *t = it_new(rt, K_COUNT);
  if (!t) return -1;
  t->cur = sl_is_undef(a[0]) ? sl_int(0) : sl_vincref(a[0]);
  t->fn = sl_is_undef(a[1]) ? sl_int(1) : sl_vincref(a[1]);
  return finish(t, out);
}

static int f_cycle(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "cycle expected 1 argument, got %zu", args->npos);
  it_obj *t;
  if (with_iter(rt, K_CYCLE, args->pos[0], &t)) return -1;
  if (!(t->pool = sl_list_new(rt, NULL, 0))) return fail(rt, t);
  return finish(t, out);
}

static int f_repeat(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"object", "times"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "repeat", names, 2, 1, 2, a)) return -1;
  int64_t times = -1;
  if (!sl_is_undef(a[1])) {
    if (index_arg(rt, a[1], &times)) return -1;
    if (times < 0) times = 0;
  }
  it_obj *t = it_new(rt, K_REPEAT);
  if (!t) return -1;
  t->cur = sl_vincref(a[0]);
  t->left = times;
  return finish(t, out);
}

static int chain_of(sl_rt *rt, sl_value iterables, sl_value *out) {
  it_obj *t;
  if (with_iter(rt, K_CHAIN, iterables, &t)) return -1;
  return finish(t, out);
}

static int f_chain(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "chain() takes no keyword arguments");
  sl_obj *tt = sl_tuple_new(rt, args->pos, args->npos);
  if (!tt) return -1;
  int rc = chain_of(rt, sl_obj_val(tt), out);
  sl_decref(rt, tt);
  return rc;
}

static int f_from_iterable(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "chain.from_iterable() takes exactly one argument (%zu given)", args->npos);
  return chain_of(rt, args->pos[0], out);
}

static int islice_arg(sl_rt *rt, sl_value v, int64_t dflt, int64_t *out, const char *what) {
  if (sl_is_none(v) || sl_is_undef(v)) return *out = dflt, 0;
  if (!sl_as_index(v, out) || *out < 0 || v.tag == SL_V_FLOAT)
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "%s argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                    what);
  return 0;
}

static int f_islice(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "islice() takes no keyword arguments");
  if (args->npos < 2 || args->npos > 4)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "islice expected at %s %d arguments, got %zu",
                    args->npos < 2 ? "least" : "most", args->npos < 2 ? 2 : 4, args->npos);
  int64_t start = 0, stop = -1, step = 1;
  if (args->npos == 2) {
    if (islice_arg(rt, args->pos[1], -1, &stop, "Stop")) return -1;
  } else {
    if (islice_arg(rt, args->pos[1], 0, &start, "Indices") ||
        islice_arg(rt, args->pos[2], -1, &stop, "Stop"))
      return -1;
    if (args->npos == 4) {
      if (islice_arg(rt, args->pos[3], 1, &step, "Step")) return -1;
      if (step == 0)
        return sl_raise(rt, SL_EXC_VALUE_ERROR,
                        "Step for islice() must be a positive integer or None.");
    }
  }
  it_obj *t;
  if (with_iter(rt, K_ISLICE, args->pos[0], &t)) return -1;
  t->next = start;
  t->stop = stop;
  t->step = step;
  return finish(t, out);
}

static int f_accumulate(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"iterable", "func", "initial"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "accumulate", names, 3, 1, 2, a)) return -1;
  it_obj *t;
  if (with_iter(rt, K_ACCUMULATE, a[0], &t)) return -1;
  t->fn = sl_is_undef(a[1]) ? sl_none() : sl_vincref(a[1]);
  t->cur = sl_is_undef(a[2]) || sl_is_none(a[2]) ? sl_undef() : sl_vincref(a[2]);
  return finish(t, out);
}

/* f(predicate, iterable): takewhile, dropwhile, filterfalse, starmap. */
static int pred_iter(sl_rt *rt, it_kind kind, const sl_args *args, sl_value *out) {
  if (args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", KIND_NAMES[kind]);
  if (args->npos != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected 2 arguments, got %zu", KIND_NAMES[kind],
                    args->npos);
  it_obj *t;
  if (with_iter(rt, kind, args->pos[1], &t)) return -1;
  t->fn = sl_vincref(args->pos[0]);
  return finish(t, out);
}

static int f_takewhile(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return pred_iter(rt, K_TAKEWHILE, args, out);
}
static int f_dropwhile(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return pred_iter(rt, K_DROPWHILE, args, out);
}
static int f_filterfalse(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return pred_iter(rt, K_FILTERFALSE, args, out);
}
static int f_starmap(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return pred_iter(rt, K_STARMAP, args, out);
}

static int f_compress(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"data", "selectors"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "compress", names, 2, 2, 2, a)) return -1;
  it_obj *t;
  if (with_iter(rt, K_COMPRESS, a[0], &t)) return -1;
  if (sl_iter(rt, a[1], &t->key)) return fail(rt, t);
  return finish(t, out);
}

static int f_zip_longest(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value fill = sl_none();
  for (size_t i = 0; i < args->nkw; i++) {
    if (strcmp(sl_str_cstr(args->kwnames[i]), "fillvalue"))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "zip_longest() got an unexpected keyword argument '%s'",
                      sl_str_cstr(args->kwnames[i]));
    fill = args->kwvals[i];
  }
  it_obj *t = it_new(rt, K_ZIP_LONGEST);
  if (!t) return -1;
  t->fn = sl_vincref(fill);
  sl_value its[args->npos ? args->npos : 1];
  for (size_t i = 0; i < args->npos; i++)
    if (sl_iter(rt, args->pos[i], &its[i])) {
      while (i) sl_vdecref(rt, its[--i]);
      return fail(rt, t);
    }
  t->iters = sl_tuple_new(rt, its, args->npos);
  for (size_t i = 0; i < args->npos; i++) sl_vdecref(rt, its[i]);
  if (!t->iters) return fail(rt, t);
  t->left = (int64_t)args->npos;
  return finish(t, out);
}

static int f_pairwise(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (args->npos != 1 || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "pairwise expected 1 argument, got %zu", args->npos);
  it_obj *t;
  if (with_iter(rt, K_PAIRWISE, args->pos[0], &t)) return -1;
  return finish(t, out);
}

static int f_batched(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"iterable", "n", "strict"};
  sl_value a[3];
  size_t nn = rt->profile->minor >= 13 ? 3 : 2;
  if (sl_args_bind(rt, args, "batched", names, nn, 2, 2, a)) return -1;
  int64_t n;
  if (index_arg(rt, a[1], &n)) return -1;
  if (n < 1) return sl_raise(rt, SL_EXC_VALUE_ERROR, "n must be at least one");
  bool strict = false;
  if (nn == 3 && !sl_is_undef(a[2]) && sl_truth(rt, a[2], &strict)) return -1;
  it_obj *t;
  if (with_iter(rt, K_BATCHED, a[0], &t)) return -1;
  t->n = n;
  t->flag = strict;
  return finish(t, out);
}

static int f_groupby(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"iterable", "key"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "groupby", names, 2, 1, 2, a)) return -1;
  it_obj *t;
  if (with_iter(rt, K_GROUPBY, a[0], &t)) return -1;
  t->fn = sl_is_undef(a[1]) ? sl_none() : sl_vincref(a[1]);
  return finish(t, out);
}

/* The pool list of an iterable, and r (default: its length). */
static int pool_of(sl_rt *rt, it_kind kind, sl_value iterable, sl_value rv, bool r_required,
                   it_obj **out) {
  int64_t r = -1;
  if (!sl_is_undef(rv) && !sl_is_none(rv)) {
    if (index_arg(rt, rv, &r)) return -1;
    if (r < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "r must be non-negative");
  }
  (void)r_required;
  sl_obj *pool;
  if (sl_list_from_iterable(rt, iterable, &pool)) return -1;
  it_obj *t = it_new(rt, kind);
  if (!t) {
    sl_decref(rt, pool);
    return -1;
  }
  t->pool = pool;
  t->n = (int64_t)sl_as_list(pool)->len;
  t->r = r < 0 ? t->n : r;
  size_t cap = (size_t)(t->n > t->r ? t->n : t->r) + 1;
  t->idx = sl_malloc(cap * sizeof *t->idx);
  t->cyc = sl_malloc(cap * sizeof *t->cyc);
  if (!t->idx || !t->cyc) {
    sl_nomem(rt);
    return fail(rt, t);
  }
  for (size_t i = 0; i < cap; i++) t->idx[i] = kind == K_COMBINATIONS_WR ? 0 : (int64_t)i;
  for (int64_t i = 0; i < t->r; i++) t->cyc[i] = t->n - i;
  return *out = t, 0;
}

static int f_permutations(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"iterable", "r"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "permutations", names, 2, 1, 2, a)) return -1;
  it_obj *t;
  if (pool_of(rt, K_PERMUTATIONS, a[0], a[1], false, &t)) return -1;
  return finish(t, out);
}

static int combos(sl_rt *rt, it_kind kind, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"iterable", "r"};
  sl_value a[2];
  if (sl_args_bind(rt, args, KIND_NAMES[kind], names, 2, 2, 2, a)) return -1;
  it_obj *t;
  if (pool_of(rt, kind, a[0], a[1], true, &t)) return -1;
  return finish(t, out);
}

static int f_combinations(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return combos(rt, K_COMBINATIONS, args, out);
}
static int f_combinations_wr(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return combos(rt, K_COMBINATIONS_WR, args, out);
}

static int f_product(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  int64_t repeat = 1;
  for (size_t i = 0; i < args->nkw; i++) {
    if (strcmp(sl_str_cstr(args->kwnames[i]), "repeat"))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "product() got an unexpected keyword argument '%s'",
                      sl_str_cstr(args->kwnames[i]));
    if (index_arg(rt, args->kwvals[i], &repeat)) return -1;
    if (repeat < 0) return sl_raise(rt, SL_EXC_VALUE_ERROR, "repeat argument cannot be negative");
  }
  size_t n = args->npos * (size_t)repeat;
  sl_value pools[n ? n : 1];
  for (size_t i = 0; i < args->npos; i++) {
    sl_obj *l;
    if (sl_list_from_iterable(rt, args->pos[i], &l)) {
      while (i) sl_vdecref(rt, pools[--i]);
      return -1;
    }
    pools[i] = sl_obj_val(l);
  }
  for (size_t i = args->npos; i < n; i++) pools[i] = sl_vincref(pools[i % args->npos]);
  it_obj *t = it_new(rt, K_PRODUCT);
  if (t) {
    t->pool = sl_tuple_new(rt, pools, n);
    t->idx = sl_malloc((n + 1) * sizeof *t->idx);
  }
  for (size_t i = 0; i < n; i++) sl_vdecref(rt, pools[i]);
  if (!t) return -1;
  if (!t->pool || !t->idx) {
    if (!t->idx) sl_nomem(rt);
    return fail(rt, t);
  }
  memset(t->idx, 0, (n + 1) * sizeof *t->idx);
  return finish(t, out);
}

static const sl_cfunc_def itertools_funcs[] = {
    {"count", f_count, NULL, 0},
    {"cycle", f_cycle, NULL, 0},
    {"repeat", f_repeat, NULL, 0},
    {"islice", f_islice, NULL, 0},
    {"accumulate", f_accumulate, NULL, 0},
    {"takewhile", f_takewhile, NULL, 0},
    {"dropwhile", f_dropwhile, NULL, 0},
    {"filterfalse", f_filterfalse, NULL, 0},
    {"starmap", f_starmap, NULL, 0},
    {"compress", f_compress, NULL, 0},
    {"zip_longest", f_zip_longest, NULL, 0},
    {"pairwise", f_pairwise, NULL, 0},
    {"groupby", f_groupby, NULL, 0},
    {"product", f_product, NULL, 0},
    {"permutations", f_permutations, NULL, 0},
    {"combinations", f_combinations, NULL, 0},
    {"combinations_with_replacement", f_combinations_wr, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static const sl_cfunc_def batched_def = {"batched", f_batched, NULL, 0};
static const sl_cfunc_def from_iterable_def = {"chain.from_iterable", f_from_iterable, NULL, 0};

/* chain is called, and has the from_iterable attribute. */
typedef struct chain_cls {
  sl_obj hdr;
} chain_cls;

static int chain_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  return f_chain(rt, sl_obj_val(o), args, out);
}

static int chain_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  if (!strcmp(name, "from_iterable")) {
    sl_obj *f = sl_cfunc_new(rt, &from_iterable_def, sl_undef());
    return f ? (*out = sl_obj_val(f), 0) : -1;
  }
  if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__"))
    return sl__str_value(rt, "chain", 5, out);
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "type object 'itertools.chain' has no attribute '%s'",
                  name);
}

static int chain_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  (void)rt, (void)o;
  sl_strbuf_puts(out, "<class 'itertools.chain'>");
  return 0;
}

static const sl_type chain_cls_type = {.name = "type",
                                       .repr = chain_repr,
                                       .call = chain_call,
                                       .getattr = chain_getattr,
                                       .size = sizeof(chain_cls)};

int sl_mod_itertools_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, itertools_funcs)) return -1;
  if (rt->profile->minor >= 12 && sl_stdmod_add_func(rt, module_dict, &batched_def)) return -1;
  sl_obj *c = sl_obj_alloc(rt, &chain_cls_type);
  if (!c) return -1;
  int rc = sl_stdmod_add(rt, module_dict, "chain", sl_obj_val(c));
  sl_decref(rt, c);
  return rc;
}
