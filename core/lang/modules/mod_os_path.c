/* os.path (Lib/posixpath.py) for what programs do with it at run time:
 * the string operations on paths (join, split, dirname, basename,
 * splitext, normpath, isabs, abspath of an absolute path) and the
 * constants sep, curdir, pardir. Typically a book listing computing its
 * repository's folder from __file__ to append it to sys.path. Nothing here
 * looks at a file system (the simulated machine has none): exists(),
 * isfile(), getcwd() and the rest are not provided, and abspath() of a
 * relative path, which needs the working directory, is refused. Paths are
 * str (bytes and os.PathLike are not supported). */
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops-int.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/strbuf.h"
#include "core/tuple.h"

/* The str argument i of a call named fn: its text, or NULL + TypeError. */
static const char *str_arg(sl_rt *rt, const sl_args *a, size_t i, const char *fn) {
  if (a->nkw) {
    sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", fn);
    return NULL;
  }
  if (!sl_is_str(a->pos[i])) {
    if (!strcmp(fn, "join")) /* genericpath._check_arg_types */
      sl_raise(rt, SL_EXC_TYPE_ERROR,
               "join() argument must be str, bytes, or os.PathLike object, not '%s'",
               sl_type_name(a->pos[i]));
    else /* os.fspath */
      sl_raise(rt, SL_EXC_TYPE_ERROR, "expected str, bytes or os.PathLike object, not %s",
               sl_type_name(a->pos[i]));
    return NULL;
  }
  return sl_str_cstr(a->pos[i].u.o);
}

static int want(sl_rt *rt, const sl_args *a, size_t n, const char *fn) {
  if (a->npos == n) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s() takes exactly %zu argument%s (%zu given)", fn, n,
                  n == 1 ? "" : "s", a->npos);
}

static int str_of(sl_rt *rt, const char *s, size_t len, sl_value *out) {
  return sl__str_value(rt, s, len, out);
}

/* The tuple (a[:alen], b[:blen]) of two new strs: split's and splitext's
 * result. */
static int str_pair(sl_rt *rt, const char *a, size_t alen, const char *b, size_t blen,
                    sl_value *out) {
  sl_value parts[2];
  if (str_of(rt, a, alen, &parts[0])) return -1;
  if (str_of(rt, b, blen, &parts[1])) {
    sl_vdecref(rt, parts[0]);
    return -1;
  }
  sl_obj *tup = sl_tuple_new(rt, parts, 2);
  sl_vdecref(rt, parts[0]);
  sl_vdecref(rt, parts[1]);
  if (!tup) return -1;
  return *out = sl_obj_val(tup), 0;
}

/* join(a, *p): an absolute component starts over; '/' between parts
 * unless the path so far is empty or ends with one. */
static int p_join(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  if (a->npos < 1)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "join() missing 1 required positional argument: 'a'");
  sl_strbuf b = SL_STRBUF_INIT;
  for (size_t i = 0; i < a->npos; i++) {
    const char *s = str_arg(rt, a, i, "join");
    if (!s) {
      sl_strbuf_free(&b);
      return -1;
    }
    if (s[0] == '/')
      sl_strbuf_clear(&b);
    else if (i && b.len && b.data[b.len - 1] != '/')
      sl_strbuf_putc(&b, '/');
    sl_strbuf_puts(&b, s);
  }
  return sl__str_result(rt, &b, out);
}

/* Where split() cuts p: head is p[:*head_len], tail starts at *tail. */
static void split_at(const char *p, size_t *head_len, size_t *tail) {
  const char *slash = strrchr(p, '/');
  size_t i = slash ? (size_t)(slash - p) + 1 : 0, h = i;
  bool all_slashes = true;
  for (size_t k = 0; k < i; k++) all_slashes &= p[k] == '/';
  if (h && !all_slashes)
    while (h > 0 && p[h - 1] == '/') h--;
  *head_len = h;
  *tail = i;
}

static int p_split(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const char *p = want(rt, a, 1, "split") ? NULL : str_arg(rt, a, 0, "split");
  if (!p) return -1;
  size_t h, t;
  split_at(p, &h, &t);
  return str_pair(rt, p, h, p + t, strlen(p + t), out);
}

static int p_dirname(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const char *p = want(rt, a, 1, "dirname") ? NULL : str_arg(rt, a, 0, "dirname");
  if (!p) return -1;
  size_t h, t;
  split_at(p, &h, &t);
  return str_of(rt, p, h, out);
}

static int p_basename(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const char *p = want(rt, a, 1, "basename") ? NULL : str_arg(rt, a, 0, "basename");
  if (!p) return -1;
  const char *slash = strrchr(p, '/');
  const char *t = slash ? slash + 1 : p;
  return str_of(rt, t, strlen(t), out);
}

/* splitext(p): the last dot of the last component, unless the component
 * is only leading dots up to it (".bashrc" has no extension). */
static int p_splitext(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const char *p = want(rt, a, 1, "splitext") ? NULL : str_arg(rt, a, 0, "splitext");
  if (!p) return -1;
  size_t n = strlen(p), cut = n;
  const char *slash = strrchr(p, '/'), *dot = strrchr(p, '.');
  if (dot && (!slash || dot > slash)) {
    for (const char *c = slash ? slash + 1 : p; c < dot; c++)
      if (*c != '.') {
        cut = (size_t)(dot - p);
        break;
      }
  }
  return str_pair(rt, p, cut, p + cut, n - cut, out);
}

/* normpath(p) into b: '.' and empty components dropped, 'x/..' folded,
 * a leading '..' kept on a relative path and dropped after the root; two
 * leading slashes are kept (POSIX leaves their meaning to the system),
 * three or more become one. */
static void normalize(const char *p, sl_strbuf *b) {
  size_t lead = 0;
  while (p[lead] == '/') lead++;
  size_t initial = lead == 2 ? 2 : lead ? 1 : 0;
  for (size_t i = 0; i < initial; i++) sl_strbuf_putc(b, '/');
  size_t root = b->len, depth = 0; /* components kept that are not '..' */
  for (const char *c = p + lead; *c;) {
    const char *e = strchr(c, '/');
    size_t len = e ? (size_t)(e - c) : strlen(c);
    bool dots = len == 2 && c[0] == '.' && c[1] == '.';
    if (!(len == 0 || (len == 1 && c[0] == '.'))) {
      if (dots && depth) { /* drop the last component */
        size_t k = b->len;
        while (k > root && b->data[k - 1] != '/') k--;
        b->len = k > root ? k - 1 : root;
        if (b->data) b->data[b->len] = '\0';
        depth--;
      } else if (!dots || !initial) {
        if (b->len > root) sl_strbuf_putc(b, '/');
        sl_strbuf_append(b, c, len);
        depth += !dots;
      }
    }
    c += len + (e ? 1 : 0);
    if (!e) break;
  }
  if (!b->len) sl_strbuf_putc(b, '.');
}

static int p_normpath(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const char *p = want(rt, a, 1, "normpath") ? NULL : str_arg(rt, a, 0, "normpath");
  if (!p) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  normalize(p, &b);
  return sl__str_result(rt, &b, out);
}

static int p_abspath(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const char *p = want(rt, a, 1, "abspath") ? NULL : str_arg(rt, a, 0, "abspath");
  if (!p) return -1;
  if (p[0] != '/')
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: os.path.abspath('%s') needs the working directory, which the "
                    "simulated machine does not have; start from __file__",
                    p);
  sl_strbuf b = SL_STRBUF_INIT;
  normalize(p, &b);
  return sl__str_result(rt, &b, out);
}

static int p_isabs(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  const char *p = want(rt, a, 1, "isabs") ? NULL : str_arg(rt, a, 0, "isabs");
  if (!p) return -1;
  return *out = sl_bool(p[0] == '/'), 0;
}

static const sl_cfunc_def path_funcs[] = {{"join", p_join, NULL, 0},
                                          {"split", p_split, NULL, 0},
                                          {"dirname", p_dirname, NULL, 0},
                                          {"basename", p_basename, NULL, 0},
                                          {"splitext", p_splitext, NULL, 0},
                                          {"normpath", p_normpath, NULL, 0},
                                          {"abspath", p_abspath, NULL, 0},
                                          {"isabs", p_isabs, NULL, 0},
                                          {NULL, NULL, NULL, 0}};

int sl_mod_os_path_init(sl_rt *rt, sl_obj *module_dict) {
  static const char *const consts[][2] = {{"sep", "/"}, {"curdir", "."}, {"pardir", ".."}};
  if (sl_stdmod_add_funcs(rt, module_dict, path_funcs)) return -1;
  for (size_t i = 0; i < sizeof consts / sizeof *consts; i++) {
    sl_value v;
    if (str_of(rt, consts[i][1], strlen(consts[i][1]), &v)) return -1;
    int rc = sl_stdmod_add(rt, module_dict, consts[i][0], v);
    sl_vdecref(rt, v);
    if (rc) return -1;
  }
  return 0;
}
