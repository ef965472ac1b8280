/* The `argparse` module (Lib/argparse.py), as `if __name__ == "__main__":`
 * blocks use it: ArgumentParser(prog, usage, description, epilog,
 * prefix_chars, argument_default, add_help, allow_abbrev), add_argument
 * with the store/store_const/store_true/store_false/append/append_const/
 * extend/count/help/version actions, nargs, const, default, type, choices,
 * required, help, metavar, dest; add_argument_group, set_defaults,
 * get_default, parse_args, parse_known_args, format_usage, format_help,
 * print_usage, print_help, error, exit; Namespace. The arguments come from
 * sys.argv (DESIGN.md 4: [FILE] and the arguments after `--`).
 *
 * This file holds the objects; the help formatter is mod_argparse_help.c,
 * the command-line parsing mod_argparse_parse.c. Not provided: subparsers,
 * mutually exclusive groups, parents, fromfile_prefix_chars, formatter
 * classes other than HelpFormatter, exit_on_error=False, custom Action
 * classes: each is a NotImplementedError naming simloop. */
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/modules/mod_argparse-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

const char *sl__ap_cstr(sl_value v) { return sl_is_str(v) ? sl_str_cstr(v.u.o) : NULL; }

bool sl__ap_is_suppress(sl_value v) {
  return sl_is_str(v) && !strcmp(sl_str_cstr(v.u.o), AP_SUPPRESS);
}

static int not_supported(sl_rt *rt, const char *what) {
  return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR, "simloop: argparse %s is not supported", what);
}

int sl__ap_str(sl_rt *rt, const char *s, sl_value *out) {
  sl_obj *o = sl_str_from_cstr(rt, s);
  if (!o) return -1;
  return *out = sl_obj_val(o), 0;
}

/* ---- add_argument ------------------------------------------------------------ */

static const struct {
  const char *name;
  ap_kind kind;
} action_names[] = {{"store", AP_STORE},
                    {"store_const", AP_STORE_CONST},
                    {"store_true", AP_STORE_TRUE},
                    {"store_false", AP_STORE_FALSE},
                    {"append", AP_APPEND},
                    {"append_const", AP_APPEND_CONST},
                    {"extend", AP_EXTEND},
                    {"count", AP_COUNT},
                    {"help", AP_HELP},
                    {"version", AP_VERSION}};

static int parse_nargs(sl_rt *rt, sl_value v, int *out) {
  if (sl_is_undef(v) || sl_is_none(v)) return *out = AP_NARGS_NONE, 0;
  if (v.tag == SL_V_INT && v.u.i >= 0 && v.u.i < 1000000) return *out = (int)v.u.i, 0;
  const char *s = sl__ap_cstr(v);
  if (s && !strcmp(s, "?")) return *out = AP_NARGS_OPTIONAL, 0;
  if (s && !strcmp(s, "*")) return *out = AP_NARGS_ANY, 0;
  if (s && !strcmp(s, "+")) return *out = AP_NARGS_SOME, 0;
  if (s && !strcmp(s, "...")) return *out = AP_NARGS_REST, 0;
  return sl_raise(rt, SL_EXC_VALUE_ERROR, "invalid nargs value");
}

static bool is_prefix(const ap_parser *p, char c) { return c && strchr(p->prefix_chars, c); }

/* dest from the option strings (_get_optional_kwargs): the first long
 * option, else the first, without its prefix, '-' made '_'. */
static int optional_dest(sl_rt *rt, ap_parser *p, sl_obj *opts, sl_value *out) {
  sl_list *l = sl_as_list(opts);
  const char *pick = sl_str_cstr(l->items[0].u.o);
  for (size_t i = 0; i < l->len; i++) {
    const char *s = sl_str_cstr(l->items[i].u.o);
    if (strlen(s) > 1 && is_prefix(p, s[1])) {
      pick = s;
      break;
    }
  }
  while (is_prefix(p, *pick)) pick++;
  sl_strbuf b = SL_STRBUF_INIT;
  for (; *pick; pick++) sl_strbuf_putc(&b, *pick == '-' ? '_' : *pick);
  sl_obj *s = sl_str_take_buf(rt, &b);
  if (!s) return -1;
  return *out = sl_obj_val(s), 0;
}

/* The keyword arguments add_argument takes, by name. */
enum {
  K_ACTION,
  K_NARGS,
  K_CONST,
  K_DEFAULT,
  K_TYPE,
  K_CHOICES,
  K_REQUIRED,
  K_HELP,
  K_METAVAR,
  K_DEST,
  K_VERSION,
  K_N
};
static const char *const kw_names[K_N] = {"action",  "nargs",   "const",    "default",
                                          "type",    "choices", "required", "help",
                                          "metavar", "dest",    "version"};

static int kind_of(sl_rt *rt, sl_value v, ap_kind *out) {
  if (sl_is_undef(v) || sl_is_none(v)) return *out = AP_STORE, 0;
  const char *s = sl__ap_cstr(v);
  for (size_t i = 0; s && i < sizeof action_names / sizeof *action_names; i++)
    if (!strcmp(s, action_names[i].name)) return *out = action_names[i].kind, 0;
  if (s && rt->profile->argparse_unknown_action_repr) {
    sl_strbuf b = SL_STRBUF_INIT;
    if (!sl_vm_repr(rt, v, &b))
      sl_raise(rt, SL_EXC_VALUE_ERROR, "unknown action %s", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return -1;
  }
  if (s) return sl_raise(rt, SL_EXC_VALUE_ERROR, "unknown action \"%s\"", s);
  return not_supported(rt, "add_argument(action=<a class>)");
}

/* The defaults each action class gives (Lib/argparse.py's __init__s). */
static int fill_defaults(sl_rt *rt, ap_parser *p, ap_action *a, const sl_value *kw) {
  switch (a->kind) {
  case AP_STORE_TRUE:
  case AP_STORE_FALSE:
    a->nargs = 0;
    a->konst = sl_bool(a->kind == AP_STORE_TRUE);
    if (sl_is_undef(kw[K_DEFAULT])) a->deflt = sl_bool(a->kind == AP_STORE_FALSE);
    break;
  case AP_STORE_CONST:
  case AP_APPEND_CONST:
  case AP_COUNT: a->nargs = 0; break;
  case AP_HELP:
  case AP_VERSION:
    a->nargs = 0;
    if (sl_is_undef(kw[K_DEFAULT]) && sl__ap_str(rt, AP_SUPPRESS, &a->deflt)) return -1;
    if (sl_is_undef(kw[K_DEST]) &&
        (sl_vset(rt, &a->dest, sl_none()), sl__ap_str(rt, AP_SUPPRESS, &a->dest)))
      return -1;
    if (sl_is_undef(kw[K_HELP]))
      return sl__ap_str(rt,
                        a->kind == AP_HELP ? "show this help message and exit"
                                           : "show program's version number and exit",
                        &a->help);
    break;
  default: break;
  }
  if (sl_is_undef(kw[K_DEFAULT]) && sl_is_none(a->deflt) && a->kind != AP_HELP &&
      a->kind != AP_VERSION)
    a->deflt = sl_vincref(p->argument_default);
  return 0;
}

/* add_argument(*name_or_flags, **kwargs) into group `group`. */
static int add_argument(sl_rt *rt, ap_parser *p, int group, const sl_args *args, sl_value *out) {
  sl_value kw[K_N];
  for (int i = 0; i < K_N; i++) kw[i] = sl_undef();
  for (size_t i = 0; i < args->nkw; i++) {
    int k = 0;
    while (k < K_N && !sl_str_eq_cstr(args->kwnames[i], kw_names[k])) k++;
    if (k == K_N)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "_StoreAction.__init__() got an unexpected keyword "
                      "argument '%s'",
                      sl_str_cstr(args->kwnames[i]));
    kw[k] = args->kwvals[i];
  }
  for (size_t i = 0; i < args->npos; i++)
    if (!sl_is_str(args->pos[i]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object is not subscriptable",
                      sl_type_name(args->pos[i]));
  bool positional =
      args->npos == 0 || (args->npos == 1 && !is_prefix(p, *sl__ap_cstr(args->pos[0])));
  if (positional && args->npos == 1 && !sl_is_undef(kw[K_DEST]))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "dest supplied twice for positional argument");
  if (args->npos > 1 || (args->npos == 1 && !positional))
    for (size_t i = 0; i < args->npos; i++)
      if (!is_prefix(p, *sl__ap_cstr(args->pos[i]))) {
        sl_strbuf b = SL_STRBUF_INIT;
        int rc = sl_vm_repr(rt, args->pos[i], &b);
        sl_strbuf_printf(&b, ": must start with a character '%s'", p->prefix_chars);
        if (!rc) sl_raise(rt, SL_EXC_VALUE_ERROR, "invalid option string %s", sl_strbuf_cstr(&b));
        sl_strbuf_free(&b);
        return -1;
      }
  if (args->npos == 0 && sl_is_undef(kw[K_DEST]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "_get_positional_kwargs() missing 1 required positional "
                    "argument: 'dest'");
  ap_action *a = (ap_action *)sl_obj_alloc(rt, &sl__ap_action_type);
  if (!a) return -1;
  a->dest = a->konst = a->deflt = a->type = a->choices = a->help = a->metavar = a->version =
      sl_none();
  a->group = positional ? 0 : group;
  a->option_strings = sl_list_new(rt, positional ? NULL : args->pos, positional ? 0 : args->npos);
  int rc = a->option_strings ? kind_of(rt, kw[K_ACTION], &a->kind) : -1;
  if (!rc) rc = parse_nargs(rt, kw[K_NARGS], &a->nargs);
  if (!rc && !sl_is_undef(kw[K_DEST]))
    a->dest = sl_vincref(kw[K_DEST]);
  else if (!rc && positional)
    a->dest = sl_vincref(args->pos[0]);
  else if (!rc)
    rc = optional_dest(rt, p, a->option_strings, &a->dest);
  sl_value *slots[K_N] = {
      [K_CONST] = &a->konst,     [K_DEFAULT] = &a->deflt, [K_TYPE] = &a->type,
      [K_CHOICES] = &a->choices, [K_HELP] = &a->help,     [K_METAVAR] = &a->metavar,
      [K_VERSION] = &a->version};
  for (int k = 0; !rc && k < K_N; k++)
    if (slots[k] && !sl_is_undef(kw[k])) sl_vset(rt, slots[k], sl_vincref(kw[k]));
  if (!rc) rc = fill_defaults(rt, p, a, kw);
  if (!rc && !sl_is_undef(kw[K_REQUIRED])) rc = sl_truth(rt, kw[K_REQUIRED], &a->required);
  /* _get_positional_kwargs: required unless nargs is '?' or '*' (3.13+:
   * also REMAINDER and 0); '*' without a default must still be given. */
  if (!rc && positional) {
    if (!sl_is_undef(kw[K_REQUIRED]))
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "'required' is an invalid argument for positionals");
    a->required = a->nargs != AP_NARGS_OPTIONAL && a->nargs != AP_NARGS_ANY;
    if (a->nargs == AP_NARGS_ANY && sl_is_undef(kw[K_DEFAULT])) a->required = true;
    if (rt->profile->argparse_remainder_optional && a->nargs == AP_NARGS_REST) a->required = false;
  }
  if (!rc && a->nargs == 0 && (a->kind == AP_STORE || a->kind == AP_APPEND || a->kind == AP_EXTEND))
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR,
                  "nargs for store actions must be != 0; if you have nothing to store, actions "
                  "such as store true or store const may be more appropriate");
  if (!rc && !sl_is_none(a->type) && !sl_is_obj(a->type))
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s is not callable", "type");
  if (!rc) rc = sl_list_append(rt, p->actions, sl_obj_val(&a->hdr));
  if (rc) {
    sl_decref(rt, &a->hdr);
    return -1;
  }
  return *out = sl_obj_val(&a->hdr), 0;
}

/* ---- ArgumentParser ------------------------------------------------------------ */

static void parser_clear(sl_rt *rt, sl_obj *o) {
  ap_parser *p = (ap_parser *)o;
  sl_value *vals[] = {&p->prog, &p->usage, &p->description, &p->epilog, &p->argument_default};
  for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) sl_vset(rt, vals[i], sl_none());
  sl_decref(rt, p->actions);
  sl_decref(rt, p->groups);
  sl_decref(rt, p->defaults);
  p->actions = p->groups = p->defaults = NULL;
}

static int parser_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  ap_parser *p = (ap_parser *)o;
  sl_strbuf_puts(out, "ArgumentParser(prog=");
  int rc = sl_vm_repr(rt, p->prog, out);
  sl_strbuf_puts(out, ", usage=");
  if (!rc) rc = sl_vm_repr(rt, p->usage, out);
  sl_strbuf_puts(out, ", description=");
  if (!rc) rc = sl_vm_repr(rt, p->description, out);
  sl_strbuf_puts(out,
                 ", formatter_class=<class 'argparse.HelpFormatter'>, conflict_handler='error', "
                 "add_help=");
  sl_strbuf_puts(out, p->add_help ? "True)" : "False)");
  return rc;
}

static ap_parser *self_parser(sl_value self) { return (ap_parser *)self.u.o; }

static int m_add_argument(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return add_argument(rt, self_parser(self), 1, args, out);
}

/* parse_args(args=None, namespace=None) */
static int m_parse_args(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"args", "namespace"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "parse_args", names, 2, 0, 2, a)) return -1;
  sl_value ns, extras;
  if (sl__ap_parse_known(rt, self_parser(self), a[0], a[1], &ns, &extras)) return -1;
  sl_list *l = sl_as_list(extras.u.o);
  if (l->len) {
    sl_strbuf b = SL_STRBUF_INIT;
    sl_strbuf_puts(&b, "unrecognized arguments:");
    for (size_t i = 0; i < l->len; i++) {
      sl_strbuf_putc(&b, ' ');
      if (sl_vm_str(rt, l->items[i], &b)) break;
    }
    sl_vdecref(rt, ns);
    sl_vdecref(rt, extras);
    if (!rt->exc) sl__ap_error(rt, self_parser(self), sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return -1;
  }
  sl_vdecref(rt, extras);
  return *out = ns, 0;
}

static int m_parse_known_args(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"args", "namespace"};
  sl_value a[2], pair[2];
  if (sl_args_bind(rt, args, "parse_known_args", names, 2, 0, 2, a)) return -1;
  if (sl__ap_parse_known(rt, self_parser(self), a[0], a[1], &pair[0], &pair[1])) return -1;
  sl_obj *t = sl_tuple_new(rt, pair, 2);
  sl_vdecref(rt, pair[0]);
  sl_vdecref(rt, pair[1]);
  if (!t) return -1;
  return *out = sl_obj_val(t), 0;
}

static int m_format_usage(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "format_usage", NULL, 0, 0, 0, NULL)) return -1;
  return sl__ap_format_usage(rt, self_parser(self), out);
}

static int m_format_help(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "format_help", NULL, 0, 0, 0, NULL)) return -1;
  return sl__ap_format_help(rt, self_parser(self), out);
}

/* print_usage(file=None), print_help(file=None): to sys.stdout. */
static int print_text(sl_rt *rt, sl_value self, const sl_args *args, const char *name, bool help,
                      sl_value *out) {
  static const char *const names[] = {"file"};
  sl_value a[1], text;
  if (sl_args_bind(rt, args, name, names, 1, 0, 1, a)) return -1;
  if ((help ? sl__ap_format_help : sl__ap_format_usage)(rt, self_parser(self), &text)) return -1;
  int rc = sl__ap_print(rt, sl_is_undef(a[0]) ? sl_none() : a[0], "stdout", text);
  sl_vdecref(rt, text);
  return rc ? -1 : (*out = sl_none(), 0);
}
static int m_print_usage(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return print_text(rt, self, args, "print_usage", false, out);
}
static int m_print_help(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return print_text(rt, self, args, "print_help", true, out);
}

static int m_error(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"message"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "error", names, 1, 1, 1, a)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  if (!sl_vm_str(rt, a[0], &b)) sl__ap_error(rt, self_parser(self), sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return -1;
}

/* exit(status=0, message=None) */
static int m_exit(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"status", "message"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "exit", names, 2, 0, 2, a)) return -1;
  if (!sl_is_undef(a[1]) && !sl_is_none(a[1]) && sl__ap_print(rt, sl_none(), "stderr", a[1]))
    return -1;
  sl_value status = sl_is_undef(a[0]) ? sl_int(0) : a[0];
  sl_obj *e = sl_exc_new(rt, rt->classes[SL_EXC_SYSTEM_EXIT], &status, 1);
  if (!e) return -1;
  sl_raise_obj(rt, e);
  sl_decref(rt, e);
  return -1;
}

static int m_set_defaults(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ap_parser *p = self_parser(self);
  if (args->npos)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "_ActionsContainer.set_defaults() takes 1 positional argument but %zu were "
                    "given",
                    args->npos + 1);
  sl_list *acts = sl_as_list(p->actions);
  for (size_t i = 0; i < args->nkw; i++) {
    if (sl_dict_set(rt, p->defaults, sl_obj_val(args->kwnames[i]), args->kwvals[i])) return -1;
    /* set_defaults also changes the default of an action with that dest */
    for (size_t j = 0; j < acts->len; j++) {
      ap_action *a = ap_action_at(p, j);
      if (sl_is_str(a->dest) && sl_str_eq_cstr(a->dest.u.o, sl_str_cstr(args->kwnames[i])))
        sl_vset(rt, &a->deflt, sl_vincref(args->kwvals[i]));
    }
  }
  return *out = sl_none(), 0;
}

static int m_get_default(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"dest"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "get_default", names, 1, 1, 1, a)) return -1;
  ap_parser *p = self_parser(self);
  for (size_t j = 0; j < sl_as_list(p->actions)->len; j++) {
    ap_action *act = ap_action_at(p, j);
    bool eq = false;
    if (sl_compare(rt, SL_CMP_EQ, act->dest, a[0], &eq)) return -1;
    if (eq) return *out = sl_vincref(act->deflt), 0;
  }
  bool found;
  if (sl_dict_get(rt, p->defaults, a[0], out, &found)) return -1;
  if (!found) *out = sl_none();
  return 0;
}

/* ---- argument groups ------------------------------------------------------------- */

typedef struct ap_group {
  sl_obj hdr;
  sl_obj *parser; /* owned */
  int index;      /* in the parser's groups */
} ap_group;

extern const sl_type sl__ap_group_type;

static void group_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((ap_group *)o)->parser);
  ((ap_group *)o)->parser = NULL;
}

static int g_add_argument(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  ap_group *g = (ap_group *)self.u.o;
  return add_argument(rt, ap_parser_of(g->parser), g->index, args, out);
}

static const sl_cfunc_def group_methods[] = {{"add_argument", g_add_argument, NULL, 0},
                                             {NULL, NULL, NULL, 0}};

static int group_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  ap_group *g = (ap_group *)o;
  if (!strcmp(name, "title") || !strcmp(name, "description")) {
    sl_obj *t = sl_as_list(ap_parser_of(g->parser)->groups)->items[g->index].u.o;
    return *out = sl_vincref(sl_as_tuple(t)->items[name[0] == 't' ? 0 : 1]), 0;
  }
  int r = sl_methods_lookup(rt, sl_obj_val(o), group_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'_ArgumentGroup' object has no attribute '%s'",
                  name);
}

static int group_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "<argparse._ArgumentGroup object at ");
  return sl_identity_put_end(rt, o, out);
}

const sl_type sl__ap_group_type = {.name = "_ArgumentGroup",
                                   .clear = group_clear,
                                   .repr = group_repr,
                                   .getattr = group_getattr,
                                   .size = sizeof(ap_group)};

static int add_group(sl_rt *rt, ap_parser *p, sl_value title, sl_value description) {
  sl_value pair[2] = {title, description};
  sl_obj *t = sl_tuple_new(rt, pair, 2);
  if (!t) return -1;
  int rc = sl_list_append(rt, p->groups, sl_obj_val(t));
  sl_decref(rt, t);
  return rc;
}

/* add_argument_group(title=None, description=None) */
static int m_add_argument_group(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"title", "description"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "add_argument_group", names, 2, 0, 2, a)) return -1;
  ap_parser *p = self_parser(self);
  for (int i = 0; i < 2; i++)
    if (sl_is_undef(a[i])) a[i] = sl_none();
  if (add_group(rt, p, a[0], a[1])) return -1;
  ap_group *g = (ap_group *)sl_obj_alloc(rt, &sl__ap_group_type);
  if (!g) return -1;
  sl_incref(&p->hdr);
  g->parser = &p->hdr;
  g->index = (int)sl_as_list(p->groups)->len - 1;
  return *out = sl_obj_val(&g->hdr), 0;
}

static int m_unsupported(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self, (void)args, (void)out;
  return not_supported(rt, "subparsers and mutually exclusive groups are");
}

static const sl_cfunc_def parser_methods[] = {
    {"add_argument", m_add_argument, NULL, 0},
    {"add_argument_group", m_add_argument_group, NULL, 0},
    {"parse_args", m_parse_args, NULL, 0},
    {"parse_known_args", m_parse_known_args, NULL, 0},
    {"format_usage", m_format_usage, NULL, 0},
    {"format_help", m_format_help, NULL, 0},
    {"print_usage", m_print_usage, NULL, 0},
    {"print_help", m_print_help, NULL, 0},
    {"error", m_error, NULL, 0},
    {"exit", m_exit, NULL, 0},
    {"set_defaults", m_set_defaults, NULL, 0},
    {"get_default", m_get_default, NULL, 0},
    {"add_subparsers", m_unsupported, NULL, 0},
    {"add_mutually_exclusive_group", m_unsupported, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int parser_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  ap_parser *p = (ap_parser *)o;
  const struct {
    const char *name;
    sl_value v;
  } fields[] = {{"prog", p->prog},
                {"usage", p->usage},
                {"description", p->description},
                {"epilog", p->epilog},
                {"argument_default", p->argument_default}};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    if (!strcmp(name, fields[i].name)) return *out = sl_vincref(fields[i].v), 0;
  if (!strcmp(name, "prefix_chars")) return sl__ap_str(rt, p->prefix_chars, out);
  int r = sl_methods_lookup(rt, sl_obj_val(o), parser_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'ArgumentParser' object has no attribute '%s'",
                  name);
}

static int parser_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  ap_parser *p = (ap_parser *)o;
  sl_value *slot = !strcmp(name, "prog")          ? &p->prog
                   : !strcmp(name, "usage")       ? &p->usage
                   : !strcmp(name, "description") ? &p->description
                   : !strcmp(name, "epilog")      ? &p->epilog
                                                  : NULL;
  if (!slot || sl_is_undef(v)) return not_supported(rt, "setting this attribute of a parser");
  sl_vset(rt, slot, sl_vincref(v));
  return 0;
}

const sl_type sl__ap_parser_type = {.name = "ArgumentParser",
                                    .clear = parser_clear,
                                    .repr = parser_repr,
                                    .getattr = parser_getattr,
                                    .setattr = parser_setattr,
                                    .size = sizeof(ap_parser)};

/* prog's default: os.path.basename(sys.argv[0]). */
static int default_prog(sl_rt *rt, sl_value *out) {
  sl_value sys, argv;
  if (sl_vm_import(rt, "sys", &sys)) return -1;
  int rc = sl_vm_getattr(rt, sys, "argv", &argv);
  sl_vdecref(rt, sys);
  if (rc) return -1;
  sl_value first = sl_undef();
  if (sl_is_type(argv, &sl_list_type) && sl_as_list(argv.u.o)->len)
    first = sl_as_list(argv.u.o)->items[0];
  const char *s = sl__ap_cstr(first);
  const char *base = s ? strrchr(s, '/') : NULL;
  rc = sl__ap_str(rt, base ? base + 1 : s ? s : "", out);
  sl_vdecref(rt, argv);
  return rc;
}

/* ArgumentParser(prog=None, usage=None, description=None, epilog=None,
 * parents=[], formatter_class=HelpFormatter, prefix_chars='-',
 * fromfile_prefix_chars=None, argument_default=None,
 * conflict_handler='error', add_help=True, allow_abbrev=True,
 * exit_on_error=True) */
static int ct_parser(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"prog",
                                      "usage",
                                      "description",
                                      "epilog",
                                      "parents",
                                      "formatter_class",
                                      "prefix_chars",
                                      "fromfile_prefix_chars",
                                      "argument_default",
                                      "conflict_handler",
                                      "add_help",
                                      "allow_abbrev",
                                      "exit_on_error",
                                      "suggest_on_error",
                                      "color"};
  size_t nnames = sizeof names / sizeof *names;
  sl_value a[15];
  if (!rt->profile->argparse_suggest_and_color) nnames -= 2;
  if (sl_args_bind_pymethod(rt, args, "ArgumentParser.__init__", names, nnames, 0, nnames, a))
    return -1;
  if (nnames == 13) a[13] = a[14] = sl_undef();
  if (!sl_is_undef(a[4]) && !(sl_is_type(a[4], &sl_list_type) && !sl_as_list(a[4].u.o)->len))
    return not_supported(rt, "ArgumentParser(parents=...)");
  if (!sl_is_undef(a[5])) return not_supported(rt, "ArgumentParser(formatter_class=...)");
  if (!sl_is_undef(a[7]) && !sl_is_none(a[7]))
    return not_supported(rt, "ArgumentParser(fromfile_prefix_chars=...)");
  bool add_help = true, allow_abbrev = true, exit_on_error = true;
  if ((!sl_is_undef(a[10]) && sl_truth(rt, a[10], &add_help)) ||
      (!sl_is_undef(a[11]) && sl_truth(rt, a[11], &allow_abbrev)) ||
      (!sl_is_undef(a[12]) && sl_truth(rt, a[12], &exit_on_error)))
    return -1;
  if (!exit_on_error) return not_supported(rt, "ArgumentParser(exit_on_error=False)");
  const char *prefix = sl_is_undef(a[6]) ? "-" : sl__ap_cstr(a[6]);
  if (!prefix || !*prefix || strlen(prefix) >= sizeof((ap_parser *)0)->prefix_chars)
    return not_supported(rt, "ArgumentParser(prefix_chars=...) of this value");
  ap_parser *p = (ap_parser *)sl_obj_alloc(rt, &sl__ap_parser_type);
  if (!p) return -1;
  p->prog = p->usage = p->description = p->epilog = p->argument_default = sl_none();
  strcpy(p->prefix_chars, prefix);
  p->allow_abbrev = allow_abbrev;
  p->add_help = add_help;
  int rc = 0;
  if (sl_is_undef(a[0]) || sl_is_none(a[0]))
    rc = default_prog(rt, &p->prog);
  else
    p->prog = sl_vincref(a[0]);
  sl_value *slots[] = {&p->usage, &p->description, &p->epilog};
  for (int i = 0; i < 3; i++)
    if (!sl_is_undef(a[i + 1])) sl_vset(rt, slots[i], sl_vincref(a[i + 1]));
  if (!sl_is_undef(a[8])) sl_vset(rt, &p->argument_default, sl_vincref(a[8]));
  p->actions = rc ? NULL : sl_list_new(rt, NULL, 0);
  p->groups = p->actions ? sl_list_new(rt, NULL, 0) : NULL;
  p->defaults = p->groups ? sl_dict_new(rt) : NULL;
  sl_value t1, t2;
  rc = rc || !p->defaults || sl__ap_str(rt, "positional arguments", &t1);
  if (!rc) {
    rc = add_group(rt, p, t1, sl_none());
    sl_vdecref(rt, t1);
  }
  if (!rc) rc = sl__ap_str(rt, "options", &t2);
  if (!rc) {
    rc = add_group(rt, p, t2, sl_none());
    sl_vdecref(rt, t2);
  }
  if (!rc && add_help) {
    /* add_argument(default_prefix+'h', default_prefix*2+'help', action='help', ...) */
    char s[3] = {prefix[0], 'h', 0}, l[7] = {prefix[0], prefix[0], 'h', 'e', 'l', 'p', 0};
    sl_value opts[2], act, help_kind;
    rc = sl__ap_str(rt, s, &opts[0]);
    if (!rc && sl__ap_str(rt, l, &opts[1])) sl_vdecref(rt, opts[0]), rc = -1;
    if (!rc && sl__ap_str(rt, "help", &help_kind))
      sl_vdecref(rt, opts[0]), sl_vdecref(rt, opts[1]), rc = -1;
    if (!rc) {
      sl_obj *kwn = sl_str_from_cstr(rt, "action");
      sl_obj *const kwnames[1] = {kwn};
      sl_args aa = {.pos = opts, .npos = 2, .kwvals = &help_kind, .kwnames = kwnames, .nkw = 1};
      rc = !kwn || add_argument(rt, p, 1, &aa, &act);
      if (!rc) sl_vdecref(rt, act);
      sl_decref(rt, kwn);
      sl_vdecref(rt, opts[0]);
      sl_vdecref(rt, opts[1]);
      sl_vdecref(rt, help_kind);
    }
  }
  if (rc) {
    sl_decref(rt, &p->hdr);
    return -1;
  }
  return *out = sl_obj_val(&p->hdr), 0;
}

/* ---- the module ------------------------------------------------------------------ */

static const sl_cfunc_def ct_parser_def = {"ArgumentParser", ct_parser, NULL, 0};
static const sl_type *const parser_types[] = {&sl__ap_parser_type, NULL};
const sl_classdef sl__ap_parser_class = {"argparse.ArgumentParser",
                                         "argparse",
                                         "ArgumentParser",
                                         parser_types,
                                         NULL,
                                         &ct_parser_def,
                                         NULL};

extern const sl_classdef sl__ap_namespace_class;

int sl_mod_argparse_init(sl_rt *rt, sl_obj *module_dict) {
  static const sl_classdef *const classes[] = {&sl__ap_parser_class, &sl__ap_namespace_class, NULL};
  if (sl_stdmod_add_classes(rt, module_dict, classes)) return -1;
  static const struct {
    const char *name, *value;
  } consts[] = {{"SUPPRESS", AP_SUPPRESS},
                {"OPTIONAL", "?"},
                {"ZERO_OR_MORE", "*"},
                {"ONE_OR_MORE", "+"},
                {"REMAINDER", "..."}};
  for (size_t i = 0; i < sizeof consts / sizeof *consts; i++) {
    sl_value v;
    if (sl__ap_str(rt, consts[i].value, &v)) return -1;
    int rc = sl_stdmod_add(rt, module_dict, consts[i].name, v);
    sl_vdecref(rt, v);
    if (rc) return -1;
  }
  /* class ArgumentTypeError(Exception): a type function raises it to
   * give its own message. */
  sl_obj *cls = sl_class_new(rt, "ArgumentTypeError", "ArgumentTypeError", "argparse",
                             rt->classes[SL_EXC_EXCEPTION], NULL);
  if (!cls) return -1;
  sl_as_class(cls)->attrs = sl_dict_new(rt);
  int rc = !sl_as_class(cls)->attrs || sl__class_flags_compute(rt, cls) ||
           sl_stdmod_add(rt, module_dict, "ArgumentTypeError", sl_obj_val(cls));
  sl_decref(rt, cls);
  return rc ? -1 : 0;
}
