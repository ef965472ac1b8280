/* `except*` (PEP 654): splitting an exception group by the handlers'
 * types, and combining what the handlers raised with what none of them
 * handled (mirrors Objects/exceptions.c BaseExceptionGroup.split/derive and
 * _PyExc_PrepReraiseStar). */
#include <string.h>

#include "core/alloc.h"
#include "core/exc.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/tuple.h"

static bool is_group(sl_obj *e) { return sl_exc_isinstance(e, SL_EXC_BASE_EXCEPTION_GROUP); }

/* The sub-exceptions of a group (borrowed). */
static const sl_value *group_items(sl_obj *g, size_t *n) {
  sl_tuple *args = sl_as_tuple(sl_as_exc(g)->args);
  *n = 0;
  if (args->len < 2) return NULL;
  sl_value x = args->items[1];
  if (sl_is_type(x, &sl_tuple_type)) {
    *n = sl_as_tuple(x.u.o)->len;
    return sl_as_tuple(x.u.o)->items;
  }
  if (sl_is_type(x, &sl_list_type)) {
    *n = sl_as_list(x.u.o)->len;
    return sl_as_list(x.u.o)->items;
  }
  return NULL;
}

/* A new group with `msg` (borrowed str or NULL for "") holding `items`:
 * ExceptionGroup when they all are Exceptions, else BaseExceptionGroup. */
static sl_obj *new_group(sl_rt *rt, sl_value msg, const sl_value *items, size_t n, bool as_list) {
  bool all_exc = true;
  for (size_t i = 0; i < n; i++)
    if (!sl_exc_isinstance(items[i].u.o, SL_EXC_EXCEPTION)) all_exc = false;
  /* derive() passes a list; the wrapping of a naked exception a tuple. */
  sl_obj *t = as_list ? sl_list_new(rt, items, n) : sl_tuple_new(rt, items, n);
  if (!t) return NULL;
  sl_obj *m = NULL;
  if (sl_is_undef(msg)) {
    m = sl_str_from_cstr(rt, "");
    if (!m) {
      sl_decref(rt, t);
      return NULL;
    }
    msg = sl_obj_val(m);
  }
  sl_value args[2] = {msg, sl_obj_val(t)};
  sl_obj *g = sl_exc_new(
      rt, rt->classes[all_exc ? SL_EXC_EXCEPTION_GROUP : SL_EXC_BASE_EXCEPTION_GROUP], args, 2);
  sl_decref(rt, t);
  sl_decref(rt, m);
  return g;
}

/* eg.derive(items) plus the metadata split() copies over. */
static sl_obj *derive(sl_rt *rt, sl_obj *orig, const sl_value *items, size_t n) {
  sl_obj *g = new_group(rt, sl_as_tuple(sl_as_exc(orig)->args)->items[0], items, n, true);
  if (!g) return NULL;
  sl_exc *o = sl_as_exc(orig), *e = sl_as_exc(g);
  sl_incref(o->cause);
  sl_incref(o->context);
  e->cause = o->cause;
  e->context = o->context;
  e->suppress_context = o->suppress_context;
  for (size_t i = 0; i < o->ntb; i++)
    if (sl_exc_add_tb(rt, g, o->tb[i].file, o->tb[i].func, o->tb[i].line)) {
      sl_decref(rt, g);
      return NULL;
    }
  return g;
}

/* What a leaf is matched against: a class / tuple of classes, or a set of
 * leaves (by identity). */
typedef struct matcher {
  sl_value type;
  sl_obj **leaves;
  size_t nleaves;
} matcher;

static bool matches(const matcher *m, sl_obj *e) {
  if (m->leaves) {
    for (size_t i = 0; i < m->nleaves; i++)
      if (m->leaves[i] == e) return true;
    return false;
  }
  if (sl_is_type(m->type, &sl_class_type)) return sl_exc_isinstance_cls(e, m->type.u.o);
  sl_tuple *t = sl_as_tuple(m->type.u.o);
  for (size_t i = 0; i < t->len; i++)
    if (sl_exc_isinstance_cls(e, t->items[i].u.o)) return true;
  return false;
}

/* eg.split(matcher): new references (or NULL) in *match and *rest. */
static int split(sl_rt *rt, sl_obj *e, const matcher *m, sl_obj **match, sl_obj **rest, int depth) {
  *match = *rest = NULL;
  if (depth > 200) return sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
  if (!m->leaves || !is_group(e)) {
    if (matches(m, e)) {
      sl_incref(e);
      *match = e;
      return 0;
    }
    if (!is_group(e)) {
      sl_incref(e);
      *rest = e;
      return 0;
    }
  }
  size_t n;
  const sl_value *items = group_items(e, &n);
  sl_value *mv = sl_malloc((n + 1) * sizeof *mv), *rv = sl_malloc((n + 1) * sizeof *rv);
  if (!mv || !rv) {
    sl_free(mv);
    sl_free(rv);
    return sl_nomem(rt);
  }
  size_t nm = 0, nr = 0;
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!sl_is_type(items[i], &sl_exc_type)) continue;
    sl_obj *a, *b;
    rc = split(rt, items[i].u.o, m, &a, &b, depth + 1);
    if (a) mv[nm++] = sl_obj_val(a);
    if (b) rv[nr++] = sl_obj_val(b);
  }
  if (!rc && nm) *match = derive(rt, e, mv, nm);
  if (!rc && nr) *rest = derive(rt, e, rv, nr);
  if (!rc && ((nm && !*match) || (nr && !*rest))) rc = -1;
  for (size_t i = 0; i < nm; i++) sl_vdecref(rt, mv[i]);
  for (size_t i = 0; i < nr; i++) sl_vdecref(rt, rv[i]);
  sl_free(mv);
  sl_free(rv);
  if (rc) {
    sl_decref(rt, *match);
    sl_decref(rt, *rest);
    *match = *rest = NULL;
  }
  return rc;
}

static int check_type(sl_rt *rt, sl_value type) {
  sl_value one = type;
  size_t n = 1;
  const sl_value *items = &one;
  if (sl_is_type(type, &sl_tuple_type)) {
    items = sl_as_tuple(type.u.o)->items;
    n = sl_as_tuple(type.u.o)->len;
  }
  for (size_t i = 0; i < n; i++) {
    if (!sl_is_type(items[i], &sl_class_type))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "catching classes that do not inherit from BaseException is not allowed");
    if (sl_class_is_subclass(items[i].u.o, rt->classes[SL_EXC_BASE_EXCEPTION_GROUP]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "catching ExceptionGroup with except* is not allowed. Use except instead.");
  }
  return 0;
}

int sl__vm_star_split(sl_rt *rt, sl_value rest, sl_value type, sl_value *new_rest,
                      sl_value *match) {
  if (check_type(rt, type)) return -1;
  *new_rest = sl_none();
  *match = sl_none();
  if (sl_is_none(rest)) return 0;
  sl_obj *e = rest.u.o;
  matcher m = {type, NULL, 0};
  if (!is_group(e)) {
    /* A naked exception is wrapped when it matches. */
    if (!matches(&m, e)) {
      *new_rest = sl_vincref(rest);
      return 0;
    }
    sl_obj *g = new_group(rt, sl_undef(), &rest, 1, false);
    if (!g) return -1;
    *match = sl_obj_val(g);
    return 0;
  }
  sl_obj *a, *b;
  if (split(rt, e, &m, &a, &b, 0)) return -1;
  if (a) *match = sl_obj_val(a);
  if (b) *new_rest = sl_obj_val(b);
  return 0;
}

/* Collects the leaves of an exception (the exception itself if naked). */
static int leaves(sl_rt *rt, sl_obj *e, sl_obj ***v, size_t *n, size_t *cap, int depth) {
  if (depth > 200) return 0;
  if (!is_group(e)) {
    if (*n == *cap) {
      size_t nc = *cap ? *cap * 2 : 8;
      sl_obj **g = sl_realloc(*v, nc * sizeof *g);
      if (!g) return sl_nomem(rt);
      *v = g;
      *cap = nc;
    }
    (*v)[(*n)++] = e;
    return 0;
  }
  size_t k;
  const sl_value *items = group_items(e, &k);
  for (size_t i = 0; i < k; i++)
    if (sl_is_type(items[i], &sl_exc_type) && leaves(rt, items[i].u.o, v, n, cap, depth + 1))
      return -1;
  return 0;
}

int sl__vm_star_prep(sl_rt *rt, sl_value orig, sl_value raised, sl_value rest, sl_value *out) {
  sl_list *rl = sl_as_list(raised.u.o);
  size_t nexc = rl->len + (sl_is_none(rest) ? 0 : 1);
  *out = sl_none();
  if (nexc == 0) return 0;
  if (!is_group(orig.u.o)) {
    /* Only one handler can have run for a naked exception. */
    *out = sl_vincref(rl->len ? rl->items[0] : rest);
    return 0;
  }
  sl_obj **ol = NULL, **kept = NULL;
  size_t nol = 0, capol = 0, nkept = 0, capkept = 0;
  sl_value *fresh = sl_malloc((rl->len + 2) * sizeof *fresh);
  size_t nfresh = 0;
  int rc = fresh ? leaves(rt, orig.u.o, &ol, &nol, &capol, 0) : sl_nomem(rt);
  /* Re-raised parts of the original (every leaf is one of orig's) go back
   * into a projection of it; anything else was raised anew. */
  for (size_t i = 0; !rc && i < nexc; i++) {
    sl_obj *e = i < rl->len ? rl->items[i].u.o : rest.u.o;
    sl_obj **el = NULL;
    size_t nel = 0, capel = 0;
    rc = leaves(rt, e, &el, &nel, &capel, 0);
    bool reraised = !rc;
    for (size_t j = 0; reraised && j < nel; j++) {
      bool in = false;
      for (size_t k = 0; k < nol && !in; k++) in = ol[k] == el[j];
      reraised = in;
    }
    if (!rc && reraised) {
      for (size_t j = 0; !rc && j < nel; j++) {
        if (nkept == capkept) {
          size_t nc = capkept ? capkept * 2 : 8;
          sl_obj **g = sl_realloc(kept, nc * sizeof *g);
          if (!g) {
            rc = sl_nomem(rt);
            break;
          }
          kept = g;
          capkept = nc;
        }
        kept[nkept++] = el[j];
      }
    } else if (!rc) {
      fresh[nfresh++] = sl_obj_val(e);
    }
    sl_free(el);
  }
  sl_obj *proj = NULL;
  if (!rc && nkept) {
    matcher m = {sl_undef(), kept, nkept};
    sl_obj *drop = NULL;
    rc = split(rt, orig.u.o, &m, &proj, &drop, 0);
    sl_decref(rt, drop);
  }
  if (!rc) {
    if (nfresh == 0) {
      *out = proj ? sl_obj_val(proj) : sl_none();
      proj = NULL;
    } else {
      if (proj) fresh[nfresh++] = sl_obj_val(proj);
      sl_obj *g = new_group(rt, sl_undef(), fresh, nfresh, true);
      if (!g)
        rc = -1;
      else
        *out = sl_obj_val(g);
    }
  }
  sl_decref(rt, proj);
  sl_free(ol);
  sl_free(kept);
  sl_free(fresh);
  return rc;
}
