/* str.maketrans and str.translate, with CPython's messages
 * (Objects/unicodeobject.c unicode_maketrans_impl, unicode_translate):
 * a table is any object with __getitem__ keyed by code points; a
 * LookupError leaves the character as it is. */
#include "core/dict.h"
#include "core/lang/methods_str-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/ops.h"

static int maketrans_from_dict(sl_rt *rt, sl_value table, sl_obj *d) {
  if (!sl__is_dict(table))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "if you give only one argument to maketrans it must be a dict");
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(table.u.o, &pos, &k, &v)) {
    if (sl_is_str(k)) {
      const sl_strobj *s = S(k);
      size_t n = 0;
      uint32_t cp = s->len ? decode(s->data, s->len, 0, &n) : 0;
      if (!s->len || n != s->len)
        return sl_raise(rt, SL_EXC_VALUE_ERROR,
                        "string keys in translate table must be of length 1");
      k = sl_int(cp);
    } else if (k.tag != SL_V_INT && k.tag != SL_V_BOOL) {
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "keys in translate table must be strings or integers");
    }
    if (sl_dict_set(rt, d, k, v)) return -1;
  }
  return 0;
}

/* x -> y character by character, then every character of z -> None. */
static int maketrans_from_strs(sl_rt *rt, const sl_args *a, sl_obj *d) {
  if (!sl_is_str(a->pos[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "first maketrans argument must be a string if there is a second argument");
  for (size_t i = 1; i < a->npos; i++)
    if (!sl_is_str(a->pos[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "maketrans() argument %zu must be str, not %s", i + 1,
                      sl_type_name(a->pos[i]));
  const sl_strobj *x = S(a->pos[0]), *y = S(a->pos[1]);
  if (x->cplen != y->cplen)
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "the first two maketrans arguments must have equal length");
  size_t nx, ny;
  for (size_t i = 0, j = 0; i < x->len; i += nx, j += ny) {
    uint32_t from = decode(x->data, x->len, i, &nx), to = decode(y->data, y->len, j, &ny);
    if (sl_dict_set(rt, d, sl_int(from), sl_int(to))) return -1;
  }
  if (a->npos < 3) return 0;
  const sl_strobj *z = S(a->pos[2]);
  for (size_t i = 0, n; i < z->len; i += n)
    if (sl_dict_set(rt, d, sl_int(decode(z->data, z->len, i, &n)), sl_none())) return -1;
  return 0;
}

/* str.maketrans(x[, y[, z]]): a static method, reached through `str` or
 * any string (self is ignored). */
static int str_maketrans(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  if (sl__check_nargs(rt, a, "str.maketrans", 1, 3)) return -1;
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  if (a->npos == 1 ? maketrans_from_dict(rt, a->pos[0], d) : maketrans_from_strs(rt, a, d)) {
    sl_decref(rt, d);
    return -1;
  }
  *out = sl_obj_val(d);
  return 0;
}

/* What table[cp] adds to b: 1 kept (a LookupError), 0 mapped, -1 raised. */
static int translate_one(sl_rt *rt, sl_value table, uint32_t cp, sl_strbuf *b) {
  sl_value v;
  if (sl_getitem(rt, table, sl_int(cp), &v)) {
    if (!sl_err_matches(rt, SL_EXC_LOOKUP_ERROR)) return -1;
    sl_err_clear(rt);
    return 1;
  }
  int rc = 0;
  if (v.tag == SL_V_INT || v.tag == SL_V_BOOL) {
    if (v.u.i < 0 || v.u.i > 0x10FFFF)
      rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "character mapping must be in range(0x110000)");
    else
      encode(b, (uint32_t)v.u.i);
  } else if (sl_is_str(v)) {
    sl_strbuf_append(b, S(v)->data, S(v)->len);
  } else if (!sl_is_none(v)) {
    rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "character mapping must return integer, None or str");
  }
  sl_vdecref(rt, v);
  return rc;
}

static int str_translate(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (sl__check_nargs(rt, a, "str.translate", 1, 1)) return -1;
  const sl_strobj *s = S(self);
  sl_strbuf b = SL_STRBUF_INIT;
  size_t n;
  for (size_t i = 0; i < s->len; i += n) {
    int r = translate_one(rt, a->pos[0], decode(s->data, s->len, i, &n), &b);
    if (r < 0) {
      sl_strbuf_free(&b);
      return -1;
    }
    if (r) sl_strbuf_append(&b, s->data + i, n);
  }
  return sl__str_result(rt, &b, out);
}

const sl_cfunc_def sl__str_maketrans_def = {"str.maketrans", str_maketrans, NULL, 0};

static const sl_cfunc_def str_translate_methods[] = {{"str.maketrans", str_maketrans, NULL, 0},
                                                     {"str.translate", str_translate, NULL, 0},
                                                     {NULL, NULL, NULL, 0}};

int sl__str_translate_getattr(sl_rt *rt, sl_value self, const char *name, sl_value *out) {
  return sl_methods_lookup(rt, self, str_translate_methods, name, out);
}
