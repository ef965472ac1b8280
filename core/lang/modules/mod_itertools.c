/* The `itertools` module. Mirrors Modules/itertoolsmodule.c: lazy
 * iterators producing CPython's sequences in CPython's order (product,
 * permutations and combinations advance their index vectors as the C code
 * does; groupby shares its underlying iterator with its groupers, so
 * advancing the groupby ends the previous group). count and repeat have
 * CPython's reprs; the others print as "<itertools.x object at ...>".
 * batched exists from 3.12 (strict= from 3.13). tee: mod_itertools_tee.c. */
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

/* ---- constructors ------------------------------------------------------------- */

static int finish(it_obj *t, sl_value *out) { return *out = sl_obj_val(&t->hdr), 0; }

static int fail(sl_rt *rt, it_obj *t) {
  sl_decref(rt, &t->hdr);
  return -1;
}

static int with_iter(sl_rt *rt, it_kind kind, sl_value iterable, it_obj **out) {
  it_obj *t = sl_itertools_new(rt, kind);
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
  it_obj *t = sl_itertools_new(rt, K_COUNT);
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
  it_obj *t = sl_itertools_new(rt, K_REPEAT);
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
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments",
                    sl_itertools_kind_names[kind]);
  if (args->npos != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s expected 2 arguments, got %zu",
                    sl_itertools_kind_names[kind], args->npos);
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
  it_obj *t = sl_itertools_new(rt, K_ZIP_LONGEST);
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
  it_obj *t = sl_itertools_new(rt, kind);
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
  if (sl_args_bind(rt, args, sl_itertools_kind_names[kind], names, 2, 2, 2, a)) return -1;
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
  it_obj *t = sl_itertools_new(rt, K_PRODUCT);
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
    {"tee", sl__itertools_tee, NULL, 0},
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
