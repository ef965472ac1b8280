/* The `keyword` module (Lib/keyword.py): kwlist and softkwlist, the
 * release's keywords as its grammar has them, and iskeyword() /
 * issoftkeyword() (CPython's are frozenset(...).__contains__: here plain
 * functions answering the same). The soft keywords follow the profile:
 * 'type' is one from 3.12. */
#include <string.h>

#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static const char *const KEYWORDS[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",    NULL};
static const char *const SOFT_KEYWORDS[] = {"_", "case", "match", "type", NULL};

/* How many of SOFT_KEYWORDS the profile's release has. */
static size_t soft_count(const sl_rt *rt) { return rt->profile->minor >= 12 ? 4 : 3; }

static bool in_list(const char *const *list, size_t n, sl_value v) {
  if (!sl_is_str(v)) return false;
  const char *s = sl_str_cstr(v.u.o);
  for (size_t i = 0; i < n && list[i]; i++)
    if (strlen(list[i]) == sl_as_str(v.u.o)->len && !strcmp(list[i], s)) return true;
  return false;
}

static int one_arg(sl_rt *rt, const sl_args *a, const char *fname, sl_value *v) {
  static const char *const names[] = {"s"};
  return sl_args_bind(rt, a, fname, names, 1, 1, 1, v);
}

static int kw_iskeyword(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  sl_value v;
  if (one_arg(rt, a, "iskeyword", &v)) return -1;
  *out = sl_bool(in_list(KEYWORDS, SIZE_MAX, v));
  return 0;
}

static int kw_issoftkeyword(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  sl_value v;
  if (one_arg(rt, a, "issoftkeyword", &v)) return -1;
  *out = sl_bool(in_list(SOFT_KEYWORDS, soft_count(rt), v));
  return 0;
}

static const sl_cfunc_def keyword_funcs[] = {
    {"iskeyword", kw_iskeyword, NULL, 0},
    {"issoftkeyword", kw_issoftkeyword, NULL, 0},
    {NULL, NULL, NULL, 0},
};

/* A new list of the first n names (all of them up to NULL if fewer). */
static int add_list(sl_rt *rt, sl_obj *d, const char *name, const char *const *names, size_t n) {
  sl_obj *l = sl_list_new(rt, NULL, 0);
  int rc = l ? 0 : -1;
  for (size_t i = 0; !rc && i < n && names[i]; i++) {
    sl_obj *s = sl_str_from_cstr(rt, names[i]);
    rc = !s || sl_list_append(rt, l, sl_obj_val(s));
    sl_decref(rt, s);
  }
  if (!rc) rc = sl_stdmod_add(rt, d, name, sl_obj_val(l));
  sl_decref(rt, l);
  return rc ? -1 : 0;
}

int sl_mod_keyword_init(sl_rt *rt, sl_obj *module_dict) {
  if (add_list(rt, module_dict, "kwlist", KEYWORDS, SIZE_MAX) ||
      add_list(rt, module_dict, "softkwlist", SOFT_KEYWORDS, soft_count(rt)))
    return -1;
  return sl_stdmod_add_funcs(rt, module_dict, keyword_funcs);
}
