/* Runtime parts of the match statement: what CPython's MATCH_SEQUENCE +
 * GET_LEN + UNPACK, MATCH_MAPPING + MATCH_KEYS + COPY_DICT_WITHOUT_KEYS
 * and MATCH_CLASS do (Python/ceval.c match_class, match_keys), as three
 * native functions the compiled code calls (compile_match.c). Each returns
 * a tuple of what the sub-patterns match against, or None for no match. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static int tuple_result(sl_rt *rt, const sl_value *items, size_t n, sl_value *out) {
  sl_obj *t = sl_tuple_new(rt, items, n);
  if (!t) return -1;
  *out = sl_obj_val(t);
  return 0;
}

/* match_seq(subject, nbefore, nafter, star): list, tuple and range are
 * sequences (str, bytes and dict are not); the items, with the starred
 * part as a list in its place. */
static int match_seq_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value subj = a->pos[0];
  int64_t before = a->pos[1].u.i, after = a->pos[2].u.i;
  bool star = a->pos[3].u.b;
  *out = sl_none();
  if (!sl__is_list(subj) && !sl__is_tuple(subj) && !sl_is_type(subj, &sl_range_type)) return 0;
  const sl_value *items;
  size_t n;
  sl_obj *owned = NULL;
  if (sl_seq_items(rt, subj, &items, &n, &owned)) return -1;
  int rc = 0;
  if (star ? (int64_t)n >= before + after : (int64_t)n == before) {
    if (!star) {
      rc = tuple_result(rt, items, n, out);
    } else {
      sl_value parts[before + after + 1];
      sl_obj *rest = sl_list_new(rt, items + before, n - (size_t)(before + after));
      if (!rest) {
        rc = -1;
      } else {
        for (int64_t i = 0; i < before; i++) parts[i] = items[i];
        parts[before] = sl_obj_val(rest);
        for (int64_t i = 0; i < after; i++)
          parts[before + 1 + i] = items[n - (size_t)after + (size_t)i];
        rc = tuple_result(rt, parts, (size_t)(before + after + 1), out);
        sl_decref(rt, rest);
      }
    }
  }
  sl_decref(rt, owned);
  return rc;
}

/* match_map(subject, keys, want_rest): dicts are mappings; the values of
 * `keys` (all present), then a copy without them when want_rest. */
static int match_map_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value subj = a->pos[0];
  sl_tuple *keys = sl_as_tuple(a->pos[1].u.o);
  bool want_rest = a->pos[2].u.b;
  *out = sl_none();
  if (!sl__is_dict(subj)) return 0;
  size_t n = keys->len;
  sl_value vals[n + 1];
  size_t got = 0;
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    /* match_keys: a key seen twice is an error, not a failed match. */
    for (size_t j = 0; j < i && !rc; j++) {
      bool same;
      if (sl_eq(rt, keys->items[i], keys->items[j], &same))
        rc = -1;
      else if (same) {
        sl_strbuf b = SL_STRBUF_INIT;
        rc = sl_repr(rt, keys->items[i], &b);
        if (!rc)
          sl_raise(rt, SL_EXC_VALUE_ERROR, "mapping pattern checks duplicate key (%s)",
                   sl_strbuf_cstr(&b));
        sl_strbuf_free(&b);
        rc = -1;
      }
    }
    if (rc) break;
    bool found;
    if (sl_dict_get(rt, subj.u.o, keys->items[i], &vals[got], &found))
      rc = -1;
    else if (!found)
      break;
    else
      got++;
  }
  if (!rc && got == n) {
    sl_obj *rest = NULL;
    if (want_rest) {
      rest = sl__htable_copy(rt, subj.u.o, &sl_dict_type);
      for (size_t i = 0; rest && i < n; i++) {
        bool found;
        if (sl_dict_del(rt, rest, keys->items[i], &found)) {
          sl_decref(rt, rest);
          rest = NULL;
        }
      }
      if (!rest)
        rc = -1;
      else
        vals[n] = sl_obj_val(rest);
    }
    if (!rc) rc = tuple_result(rt, vals, n + (want_rest ? 1 : 0), out);
    sl_decref(rt, rest);
  }
  for (size_t i = 0; i < got; i++) sl_vdecref(rt, vals[i]);
  return rc;
}

/* The built-in types whose class pattern takes the subject itself as its
 * one positional sub-pattern (_Py_TPFLAGS_MATCH_SELF). */
static bool match_self(sl_value cls) {
  if (!sl_is_type(cls, &sl_typeobj_type)) return false;
  static const char *const names[] = {"bool", "bytearray", "bytes", "dict", "float", "frozenset",
                                      "int",  "list",      "set",   "str",  "tuple"};
  const sl_typeobj *t = (const sl_typeobj *)cls.u.o;
  if (t->cls) return false;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (!strcmp(t->name, names[i])) return true;
  return false;
}

static const char *class_name(sl_value cls) {
  if (sl_is_type(cls, &sl_class_type)) return sl_str_cstr(sl_as_class(cls.u.o)->name);
  const sl_typeobj *t = (const sl_typeobj *)cls.u.o;
  return t->cls ? t->cls->name : t->name;
}

/* Reads one attribute for the class pattern: 1 found, 0 missing (no
 * match), -1 error. `seen` holds the names used so far (duplicates are a
 * TypeError). */
static int class_attr(sl_rt *rt, sl_value subj, sl_value cls, sl_value name, sl_obj *seen,
                      sl_value *out) {
  bool dup;
  if (sl__set_contains_any(rt, seen, name, &dup)) return -1;
  if (dup)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() got multiple sub-patterns for attribute '%s'",
                    class_name(cls), sl_str_cstr(name.u.o));
  if (sl_set_add(rt, seen, name)) return -1;
  if (!sl_vm_getattr(rt, subj, sl_str_cstr(name.u.o), out)) return 1;
  if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
    sl_err_clear(rt);
    return 0;
  }
  return -1;
}

/* match_class(subject, cls, npos, kwnames) */
static int match_class_fn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  sl_value subj = a->pos[0], cls = a->pos[1];
  size_t npos = (size_t)a->pos[2].u.i;
  sl_tuple *kw = sl_as_tuple(a->pos[3].u.o);
  *out = sl_none();
  if (!sl_is_type(cls, &sl_class_type) && !sl_is_type(cls, &sl_typeobj_type))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "called match pattern must be a %s",
                    sl__py_minor(rt) >= 12 ? "class" : "type");
  bool ok;
  if (sl_isinstance1(rt, subj, cls, &ok)) return -1;
  if (!ok) return 0;
  sl_value match_args = sl_undef();
  bool self_match = false;
  if (npos) {
    if (sl_vm_getattr(rt, cls, "__match_args__", &match_args)) {
      if (!rt->exc || !sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) return -1;
      sl_err_clear(rt);
      match_args = sl_undef();
      self_match = match_self(cls);
    } else if (!sl__is_tuple(match_args)) {
      const char *tn = sl_type_name(match_args);
      sl_vdecref(rt, match_args);
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s.__match_args__ must be a tuple (got %s)",
                      class_name(cls), tn);
    }
    size_t allowed = self_match                ? 1
                     : sl_is_undef(match_args) ? 0
                                               : sl_as_tuple(match_args.u.o)->len;
    if (npos > allowed) {
      sl_vdecref(rt, match_args);
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "%s() accepts %zu positional sub-pattern%s (%zu given)", class_name(cls),
                      allowed, allowed == 1 ? "" : "s", npos);
    }
  }
  size_t n = npos + kw->len, got = 0;
  sl_value vals[n + 1];
  sl_obj *seen = sl_set_new(rt);
  int rc = seen ? 0 : -1, r = 1;
  for (size_t i = 0; i < n && !rc && r == 1; i++) {
    if (i < npos && self_match) {
      vals[got++] = sl_vincref(subj);
      continue;
    }
    sl_value name = i < npos ? sl_as_tuple(match_args.u.o)->items[i] : kw->items[i - npos];
    if (!sl_is_str(name)) {
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "__match_args__ elements must be strings (got %s)",
                    sl_type_name(name));
      break;
    }
    r = class_attr(rt, subj, cls, name, seen, &vals[got]);
    if (r < 0)
      rc = -1;
    else if (r == 1)
      got++;
  }
  if (!rc && got == n) rc = tuple_result(rt, vals, n, out);
  for (size_t i = 0; i < got; i++) sl_vdecref(rt, vals[i]);
  sl_decref(rt, seen);
  sl_vdecref(rt, match_args);
  return rc;
}

const sl_cfunc_def sl__match_seq_def = {"<match sequence>", match_seq_fn, NULL, 0};
const sl_cfunc_def sl__match_map_def = {"<match mapping>", match_map_fn, NULL, 0};
const sl_cfunc_def sl__match_class_def = {"<match class>", match_class_fn, NULL, 0};
