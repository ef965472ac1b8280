/* ArgumentParser.parse_known_args (Lib/argparse.py _parse_known_args):
 * each argument classified as an option ('O': a known option string, an
 * --opt=value, an unambiguous --prefix, a short option with its value
 * attached or combined flags) or an argument ('A'; '-' after '--'), then
 * options consumed with as many following 'A's as their nargs take, and
 * the positionals matched greedily against each run of 'A's before the
 * next option, as the nargs regular expressions of _match_arguments_partial
 * do. Values converted by type (errors "invalid int value: 'x'"), checked
 * against choices, stored by each action's rule; then the required
 * arguments missing are reported and string defaults converted. Errors
 * print the usage and "PROG: error: ..." on sys.stderr and raise
 * SystemExit(2), as parser.error() does. */
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_argparse-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- output and errors --------------------------------------------------------- */

int sl__ap_print(sl_rt *rt, sl_value file, const char *stream, sl_value text) {
  if (sl_is_str(text) && !sl_as_str(text.u.o)->len) return 0;
  sl_value f = sl_vincref(file), w, r;
  if (sl_is_none(f)) {
    sl_value sys;
    if (sl_vm_import(rt, "sys", &sys)) return -1;
    int rc = sl_vm_getattr(rt, sys, stream, &f);
    sl_vdecref(rt, sys);
    if (rc) return -1;
  }
  int rc = sl_vm_getattr(rt, f, "write", &w);
  sl_vdecref(rt, f);
  if (rc) return -1;
  rc = sl_vm_call_pos(rt, w, &text, 1, &r);
  sl_vdecref(rt, w);
  if (!rc) sl_vdecref(rt, r);
  return rc;
}

int sl__ap_exit(sl_rt *rt, int status, const char *message) {
  if (message && *message) {
    sl_obj *m = sl_str_from_cstr(rt, message);
    if (!m) return -1;
    int rc = sl__ap_print(rt, sl_none(), "stderr", sl_obj_val(m));
    sl_decref(rt, m);
    if (rc) return -1;
  }
  sl_value st = sl_int(status);
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_SYSTEM_EXIT], &st, 1);
  if (!e) return -1;
  sl_raise_obj(rt, e);
  sl_decref(rt, e);
  return -1;
}

int sl__ap_error(sl_rt *rt, ap_parser *p, const char *message) {
  sl_value usage;
  if (sl__ap_format_usage(rt, p, &usage)) return -1;
  int rc = sl__ap_print(rt, sl_none(), "stderr", usage);
  sl_vdecref(rt, usage);
  if (rc) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  rc = sl_vm_str(rt, p->prog, &b);
  sl_strbuf_printf(&b, ": error: %s\n", message);
  if (!rc) sl__ap_exit(rt, 2, sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return -1;
}

/* An ArgumentError: "argument NAME: MESSAGE" (NAME from
 * _get_action_name; none: the message alone), reported by error(). */
int sl__ap_arg_error(sl_rt *rt, ap_parser *p, ap_action *a, const char *msg) {
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = 0;
  if (a) {
    sl_strbuf_puts(&b, "argument ");
    rc = sl__ap_action_name(rt, a, &b);
    sl_strbuf_puts(&b, ": ");
  }
  sl_strbuf_puts(&b, msg);
  if (!rc) sl__ap_error(rt, p, sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return -1;
}

/* ---- classifying the arguments ------------------------------------------------- */

typedef struct opt_match {
  ap_action *action;   /* NULL: an unknown option, kept in extras */
  const char *option;  /* the option string matched (borrowed) */
  sl_strbuf explicit_; /* the attached value */
  bool has_explicit;
  bool has_sep; /* given as --opt=value (or -o=value) */
} opt_match;

typedef struct scan {
  ap_parser *p;
  size_t n;
  const char **argv;  /* borrowed from the args list's strs */
  char *pattern;      /* 'A', 'O' or '-' per argument */
  opt_match *matches; /* per argument, for 'O' */
} scan;

static bool is_prefix(const ap_parser *p, char c) { return c && strchr(p->prefix_chars, c); }

/* The action with option string s, or NULL. */
static ap_action *find_option(ap_parser *p, const char *s, size_t len, const char **opt) {
  sl_list *acts = sl_as_list(p->actions);
  for (size_t i = 0; i < acts->len; i++) {
    ap_action *a = ap_action_at(p, i);
    sl_list *opts = sl_as_list(a->option_strings);
    for (size_t j = 0; j < opts->len; j++) {
      const char *o = sl_str_cstr(opts->items[j].u.o);
      if (strlen(o) == len && !strncmp(o, s, len)) return *opt = o, a;
    }
  }
  return NULL;
}

/* A negative number ('^-\d+$|^-\d*\.\d+$'). */
static bool negative_number(const char *s) {
  if (*s != '-') return false;
  s++;
  const char *dot = strchr(s, '.');
  size_t digits = 0;
  for (const char *c = s; *c; c++) {
    if (c == dot) continue;
    if (*c < '0' || *c > '9') return false;
    digits++;
  }
  return dot ? dot[1] != 0 && strchr(dot + 1, '.') == NULL : digits > 0;
}

static bool has_negative_number_options(ap_parser *p) {
  sl_list *acts = sl_as_list(p->actions);
  for (size_t i = 0; i < acts->len; i++) {
    sl_list *opts = sl_as_list(ap_action_at(p, i)->option_strings);
    for (size_t j = 0; j < opts->len; j++)
      if (negative_number(sl_str_cstr(opts->items[j].u.o))) return true;
  }
  return false;
}

/* _get_option_tuples: the options an abbreviation may mean. Returns the
 * count; the first match in *m. Ambiguity reported by the caller. */
static int option_tuples(sl_rt *rt, ap_parser *p, const char *arg, opt_match *m, sl_strbuf *names) {
  int count = 0;
  sl_list *acts = sl_as_list(p->actions);
  bool long_form = is_prefix(p, arg[0]) && is_prefix(p, arg[1]);
  const char *eq = strchr(arg, '=');
  size_t plen = long_form && eq ? (size_t)(eq - arg) : strlen(arg);
  for (size_t i = 0; i < acts->len; i++) {
    ap_action *a = ap_action_at(p, i);
    sl_list *opts = sl_as_list(a->option_strings);
    for (size_t j = 0; j < opts->len; j++) {
      const char *o = sl_str_cstr(opts->items[j].u.o);
      bool hit = false;
      const char *explicit_ = NULL;
      if (long_form) {
        if (p->allow_abbrev && !strncmp(o, arg, plen)) hit = true, explicit_ = eq ? eq + 1 : NULL;
        if (hit && eq) m->has_sep = count == 0 ? true : m->has_sep;
      } else if (is_prefix(p, arg[0]) && !is_prefix(p, arg[1])) {
        /* short: '-n3' is '-n' with '3'; an abbreviation of a long option
         * with one prefix character too */
        if (strlen(o) == 2 && !strncmp(o, arg, 2))
          hit = true, explicit_ = arg + 2;
        else if (p->allow_abbrev && !strncmp(o, arg, strlen(arg)))
          hit = true;
      }
      if (!hit) continue;
      if (count++ == 0) {
        m->action = a;
        m->option = o;
        m->has_explicit = explicit_ != NULL;
        if (explicit_) sl_strbuf_puts(&m->explicit_, explicit_);
      }
      sl_strbuf_printf(names, "%s%s", count > 1 ? ", " : "", o);
    }
  }
  (void)rt;
  return count;
}

/* _parse_optional: 1 an option (*m set), 0 an argument, -1 error. */
static int parse_optional(sl_rt *rt, ap_parser *p, const char *arg, opt_match *m) {
  if (!arg[0] || !is_prefix(p, arg[0])) return 0;
  const char *opt;
  ap_action *a = find_option(p, arg, strlen(arg), &opt);
  if (a) return m->action = a, m->option = opt, 1;
  if (!arg[1]) return 0;
  const char *eq = strchr(arg, '=');
  if (eq && (a = find_option(p, arg, (size_t)(eq - arg), &opt))) {
    m->action = a, m->option = opt, m->has_explicit = m->has_sep = true;
    sl_strbuf_puts(&m->explicit_, eq + 1);
    return 1;
  }
  sl_strbuf names = SL_STRBUF_INIT;
  opt_match first = {0};
  int n = option_tuples(rt, p, arg, &first, &names);
  if (n > 1) {
    sl_strbuf msg = SL_STRBUF_INIT;
    sl_strbuf_printf(&msg, "ambiguous option: %s could match %s", arg, sl_strbuf_cstr(&names));
    sl_strbuf_free(&names);
    sl_strbuf_free(&first.explicit_);
    sl__ap_arg_error(rt, p, NULL, sl_strbuf_cstr(&msg));
    sl_strbuf_free(&msg);
    return -1;
  }
  sl_strbuf_free(&names);
  if (n == 1) return *m = first, 1;
  if (negative_number(arg) && !has_negative_number_options(p)) return 0;
  if (strchr(arg, ' ')) return 0;
  m->action = NULL;
  m->option = arg;
  return 1;
}

/* ---- nargs matching ------------------------------------------------------------- */

/* The number of 'A's from pattern[0] (stopping at 'O' and, for an
 * optional, at '-'). */
static size_t a_run(const char *pattern, bool stop_at_dashes) {
  size_t n = 0;
  for (const char *c = pattern; *c && *c != 'O'; c++) {
    if (*c == '-') {
      if (stop_at_dashes) break;
      continue;
    }
    n++;
  }
  return n;
}

/* The min and max arguments of nargs (max SIZE_MAX for '*', '+'). */
static void nargs_bounds(int nargs, size_t *lo, size_t *hi) {
  switch (nargs) {
  case AP_NARGS_NONE: *lo = *hi = 1; return;
  case AP_NARGS_OPTIONAL: *lo = 0, *hi = 1; return;
  case AP_NARGS_ANY: *lo = 0, *hi = (size_t)-1; return;
  case AP_NARGS_SOME: *lo = 1, *hi = (size_t)-1; return;
  case AP_NARGS_REST: *lo = 0, *hi = (size_t)-1; return;
  default: *lo = *hi = (size_t)nargs; return;
  }
}

/* _match_argument for an option: the count taken from the pattern, or
 * -1 with its error. */
static long match_option(sl_rt *rt, ap_parser *p, ap_action *a, const char *pattern) {
  if (a->nargs == AP_NARGS_REST) return (long)strlen(pattern);
  size_t run = a_run(pattern, true), lo, hi;
  nargs_bounds(a->nargs, &lo, &hi);
  if (run >= lo) return (long)(run < hi ? run : hi);
  char msg[64];
  if (a->nargs == AP_NARGS_NONE)
    snprintf(msg, sizeof msg, "expected one argument");
  else if (a->nargs == AP_NARGS_OPTIONAL)
    snprintf(msg, sizeof msg, "expected at most one argument");
  else if (a->nargs == AP_NARGS_SOME)
    snprintf(msg, sizeof msg, "expected at least one argument");
  else
    snprintf(msg, sizeof msg, "expected %d argument%s", a->nargs, a->nargs == 1 ? "" : "s");
  return sl__ap_arg_error(rt, p, a, msg);
}

/* ---- the parse ---------------------------------------------------------------------- */

typedef struct state {
  sl_rt *rt;
  ap_parser *p;
  scan sc;
  sl_value ns;
  sl_obj *extras;  /* list */
  bool *seen;      /* per action */
  size_t nactions; /* actions at the start */
  ap_action **positionals;
  size_t npos, next_pos;
} state;

static int action_index(state *st, ap_action *a) {
  for (size_t i = 0; i < st->nactions; i++)
    if (ap_action_at(st->p, i) == a) return (int)i;
  return -1;
}

/* take_action */
static int take(state *st, ap_action *a, const char **args, size_t n) {
  int i = action_index(st, a);
  if (i >= 0) st->seen[i] = true;
  sl_value values;
  if (sl__ap_get_values(st->rt, st->p, a, args, n, &values)) return -1;
  int rc = sl__ap_is_suppress(values) ? 0 : sl__ap_apply(st->rt, st->p, a, st->ns, values);
  sl_vdecref(st->rt, values);
  return rc;
}

static int add_extra(state *st, const char *s) {
  sl_value v;
  if (sl__ap_str(st->rt, s, &v)) return -1;
  int rc = sl_list_append(st->rt, st->extras, v);
  sl_vdecref(st->rt, v);
  return rc;
}

/* "ignored explicit argument 'x'" for action a. */
static int ignored_explicit(state *st, ap_action *a, const char *ex) {
  sl_strbuf msg = SL_STRBUF_INIT;
  sl_strbuf_puts(&msg, "ignored explicit argument ");
  sl_value s;
  if (!sl__ap_str(st->rt, ex, &s)) {
    if (!sl_vm_repr(st->rt, s, &msg)) sl__ap_arg_error(st->rt, st->p, a, sl_strbuf_cstr(&msg));
    sl_vdecref(st->rt, s);
  }
  sl_strbuf_free(&msg);
  return -1;
}

/* consume_optional(start_index): returns the index after it, or -1. */
static long consume_optional(state *st, size_t start) {
  sl_rt *rt = st->rt;
  opt_match *m = &st->sc.matches[start];
  ap_action *a = m->action;
  const char *option = m->option;
  char ex[4096], single[3];
  bool has_explicit = m->has_explicit, sep = m->has_sep;
  snprintf(ex, sizeof ex, "%s", has_explicit ? sl_strbuf_cstr(&m->explicit_) : "");
  if (!a) return add_extra(st, st->sc.argv[start]) ? -1 : (long)start + 1;
  while (has_explicit) {
    /* match_argument(action, 'A') */
    size_t lo, hi;
    nargs_bounds(a->nargs, &lo, &hi);
    if (lo > 1 && match_option(rt, st->p, a, "A") < 0) return -1;
    size_t count = hi < 1 ? hi : 1;
    if (count == 0 && !is_prefix(st->p, option[1]) && *ex) {
      bool v312 = rt->profile->argparse_combined_flags_rest;
      if (v312 && (sep || is_prefix(st->p, ex[0]))) return ignored_explicit(st, a, ex);
      if (take(st, a, NULL, 0)) return -1;
      single[0] = option[0], single[1] = ex[0], single[2] = 0;
      const char *opt2;
      ap_action *next = find_option(st->p, single, 2, &opt2);
      if (!next) {
        if (!v312) return ignored_explicit(st, a, ex);
        char extra[4100];
        snprintf(extra, sizeof extra, "%c%s", option[0], ex);
        return add_extra(st, extra) ? -1 : (long)start + 1;
      }
      a = next;
      option = opt2;
      memmove(ex, ex + 1, strlen(ex));
      sep = false;
      if (!*ex) {
        has_explicit = false;
      } else if (v312 && ex[0] == '=') {
        sep = true;
        memmove(ex, ex + 1, strlen(ex));
      }
      continue;
    }
    if (count == 1) {
      const char *one = ex;
      return take(st, a, &one, 1) ? -1 : (long)start + 1;
    }
    return ignored_explicit(st, a, ex);
  }
  long count = match_option(rt, st->p, a, st->sc.pattern + start + 1);
  if (count < 0) return -1;
  return take(st, a, st->sc.argv + start + 1, (size_t)count) ? -1 : (long)start + 1 + count;
}

/* consume_positionals(start_index): match as many of the remaining
 * positionals as the run of arguments allows, each taking as many as it
 * can while leaving the later ones their minimum. */
static long consume_positionals(state *st, size_t start) {
  const char *pattern = st->sc.pattern + start;
  size_t run = 0, avail_end = 0;
  for (const char *c = pattern; *c && *c != 'O'; c++, avail_end++)
    if (*c == 'A') run++;
  /* the first i positionals whose minimums fit (largest i) */
  size_t left = st->npos - st->next_pos, take_n = 0;
  for (size_t i = left; i > 0; i--) {
    size_t need = 0;
    bool rest = false;
    for (size_t j = 0; j < i; j++) {
      size_t lo, hi;
      nargs_bounds(st->positionals[st->next_pos + j]->nargs, &lo, &hi);
      need += lo;
      if (st->positionals[st->next_pos + j]->nargs == AP_NARGS_REST) rest = true;
    }
    (void)rest;
    if (need <= run) {
      take_n = i;
      break;
    }
  }
  size_t idx = start, remaining = run;
  for (size_t j = 0; j < take_n; j++) {
    ap_action *a = st->positionals[st->next_pos + j];
    size_t lo, hi, later = 0;
    nargs_bounds(a->nargs, &lo, &hi);
    for (size_t k = j + 1; k < take_n; k++) {
      size_t l2, h2;
      nargs_bounds(st->positionals[st->next_pos + k]->nargs, &l2, &h2);
      later += l2;
    }
    size_t count = remaining - later < hi ? remaining - later : hi;
    /* the arguments, skipping '-' markers but keeping them for get_values */
    size_t end = idx, got = 0;
    while (got < count && end < start + avail_end) {
      if (st->sc.pattern[end] == 'A') got++;
      end++;
    }
    while (end < start + avail_end && st->sc.pattern[end] == '-' && (j + 1 == take_n)) end++;
    if (take(st, a, st->sc.argv + idx, end - idx)) return -1;
    idx = end;
    remaining -= count;
  }
  st->next_pos += take_n;
  return (long)idx;
}

static int parse(state *st) {
  size_t n = st->sc.n;
  long max_opt = -1;
  for (size_t i = 0; i < n; i++)
    if (st->sc.pattern[i] == 'O') max_opt = (long)i;
  size_t start = 0;
  while ((long)start <= max_opt) {
    size_t next = start;
    while (next < n && st->sc.pattern[next] != 'O') next++;
    if (start != next) {
      long end = consume_positionals(st, start);
      if (end < 0) return -1;
      if ((size_t)end > start) {
        start = (size_t)end;
        continue;
      }
      start = (size_t)end;
    }
    if (start < next) {
      for (size_t i = start; i < next; i++)
        if (add_extra(st, st->sc.argv[i])) return -1;
      start = next;
    }
    long stop = consume_optional(st, start);
    if (stop < 0) return -1;
    start = (size_t)stop;
  }
  long stop = consume_positionals(st, start);
  if (stop < 0) return -1;
  for (size_t i = (size_t)stop; i < n; i++)
    if (add_extra(st, st->sc.argv[i])) return -1;
  /* the required actions missing; string defaults converted */
  sl_strbuf missing = SL_STRBUF_INIT;
  int rc = 0;
  for (size_t i = 0; !rc && i < st->nactions; i++) {
    ap_action *a = ap_action_at(st->p, i);
    if (st->seen[i]) continue;
    if (a->required) {
      if (missing.len) sl_strbuf_puts(&missing, ", ");
      rc = sl__ap_action_name(st->rt, a, &missing);
      continue;
    }
    const char *dest = sl__ap_cstr(a->dest);
    if (!sl_is_str(a->deflt) || !dest) continue;
    sl_value cur;
    if (sl_vm_getattr(st->rt, st->ns, dest, &cur)) {
      sl_err_clear(st->rt);
      continue;
    }
    bool same = cur.tag == SL_V_OBJ && cur.u.o == a->deflt.u.o;
    sl_vdecref(st->rt, cur);
    if (!same) continue;
    sl_value v;
    rc = sl__ap_get_value(st->rt, st->p, a, a->deflt, &v);
    if (!rc) {
      rc = sl_vm_setattr(st->rt, st->ns, dest, v);
      sl_vdecref(st->rt, v);
    }
  }
  if (!rc && missing.len) {
    sl_strbuf msg = SL_STRBUF_INIT;
    sl_strbuf_printf(&msg, "the following arguments are required: %s", sl_strbuf_cstr(&missing));
    sl__ap_error(st->rt, st->p, sl_strbuf_cstr(&msg));
    sl_strbuf_free(&msg);
    rc = -1;
  }
  sl_strbuf_free(&missing);
  return rc;
}

/* The arguments as C strings: args (a list or tuple of str) or sys.argv[1:]. */
static int arg_list(sl_rt *rt, sl_value args, sl_obj **out) {
  if (!sl_is_undef(args) && !sl_is_none(args)) return sl_list_from_iterable(rt, args, out);
  sl_value sys, argv;
  if (sl_vm_import(rt, "sys", &sys)) return -1;
  int rc = sl_vm_getattr(rt, sys, "argv", &argv);
  sl_vdecref(rt, sys);
  if (rc) return -1;
  sl_obj *all = NULL;
  rc = sl_list_from_iterable(rt, argv, &all);
  sl_vdecref(rt, argv);
  if (rc) return -1;
  sl_list *l = sl_as_list(all);
  *out = sl_list_new(rt, l->len ? l->items + 1 : NULL, l->len ? l->len - 1 : 0);
  sl_decref(rt, all);
  return *out ? 0 : -1;
}

/* Defaults into the namespace where it has no such attribute. */
static int set_defaults(sl_rt *rt, ap_parser *p, sl_value ns) {
  sl_list *acts = sl_as_list(p->actions);
  for (size_t i = 0; i < acts->len; i++) {
    ap_action *a = ap_action_at(p, i);
    const char *dest = sl__ap_cstr(a->dest);
    if (!dest || sl__ap_is_suppress(a->dest) || sl__ap_is_suppress(a->deflt)) continue;
    sl_value cur;
    if (sl_vm_getattr(rt, ns, dest, &cur) == 0) {
      sl_vdecref(rt, cur);
      continue;
    }
    sl_err_clear(rt);
    if (sl_vm_setattr(rt, ns, dest, a->deflt)) return -1;
  }
  size_t pos = 0;
  sl_value k, v;
  while (sl_dict_next(p->defaults, &pos, &k, &v)) {
    const char *name = sl__ap_cstr(k);
    sl_value cur;
    if (!name) continue;
    if (sl_vm_getattr(rt, ns, name, &cur) == 0) {
      sl_vdecref(rt, cur);
      continue;
    }
    sl_err_clear(rt);
    if (sl_vm_setattr(rt, ns, name, v)) return -1;
  }
  return 0;
}

int sl__ap_parse_known(sl_rt *rt, ap_parser *p, sl_value args, sl_value namespace, sl_value *ns,
                       sl_value *extras) {
  sl_obj *list = NULL;
  if (arg_list(rt, args, &list)) return -1;
  sl_list *l = sl_as_list(list);
  for (size_t i = 0; i < l->len; i++)
    if (!sl_is_str(l->items[i])) {
      sl_decref(rt, list);
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not subscriptable",
                      sl_type_name(l->items[i]));
    }
  state st = {.rt = rt, .p = p};
  st.nactions = sl_as_list(p->actions)->len;
  st.sc.n = l->len;
  st.sc.argv = sl_calloc(l->len + 1, sizeof *st.sc.argv);
  st.sc.pattern = sl_calloc(l->len + 1, 1);
  st.sc.matches = sl_calloc(l->len + 1, sizeof *st.sc.matches);
  st.seen = sl_calloc(st.nactions + 1, sizeof *st.seen);
  st.positionals = sl_calloc(st.nactions + 1, sizeof *st.positionals);
  int rc = -1;
  if (!st.sc.argv || !st.sc.pattern || !st.sc.matches || !st.seen || !st.positionals) {
    sl_nomem(rt);
    goto done;
  }
  for (size_t i = 0; i < st.nactions; i++)
    if (!sl_as_list(ap_action_at(p, i)->option_strings)->len)
      st.positionals[st.npos++] = ap_action_at(p, i);
  if (sl_is_undef(namespace) || sl_is_none(namespace)) {
    if (sl__ap_namespace_new(rt, &st.ns)) goto done;
  } else {
    st.ns = sl_vincref(namespace);
  }
  st.extras = sl_list_new(rt, NULL, 0);
  if (!st.extras || set_defaults(rt, p, st.ns)) goto done;
  /* classify: after '--' everything is an argument */
  bool rest = false;
  for (size_t i = 0; i < l->len; i++) {
    const char *s = sl_str_cstr(l->items[i].u.o);
    st.sc.argv[i] = s;
    if (rest) {
      st.sc.pattern[i] = 'A';
      continue;
    }
    if (!strcmp(s, "--")) {
      st.sc.pattern[i] = '-';
      rest = true;
      continue;
    }
    int r = parse_optional(rt, p, s, &st.sc.matches[i]);
    if (r < 0) goto done;
    st.sc.pattern[i] = r ? 'O' : 'A';
  }
  if (parse(&st)) goto done;
  *ns = st.ns;
  *extras = sl_obj_val(st.extras);
  st.ns = sl_undef();
  st.extras = NULL;
  rc = 0;
done:
  if (!sl_is_undef(st.ns)) sl_vdecref(rt, st.ns);
  sl_decref(rt, st.extras);
  for (size_t i = 0; st.sc.matches && i < l->len; i++) sl_strbuf_free(&st.sc.matches[i].explicit_);
  sl_free(st.sc.argv);
  sl_free(st.sc.pattern);
  sl_free(st.sc.matches);
  sl_free(st.seen);
  sl_free(st.positionals);
  sl_decref(rt, list);
  return rc;
}
