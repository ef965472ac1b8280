/* argparse's objects (Lib/argparse.py): Namespace, the object parse_args
 * returns (its attributes in a dict: vars(ns), ns.__dict__; compared by
 * them; `in` asks for a name; _AttributeHolder's repr), and the Action
 * add_argument returns (its fields, its repr). */
#include <string.h>

#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_argparse-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

typedef struct ap_namespace {
  sl_obj hdr;
  sl_obj *dict; /* owned: the attributes (vars(ns)) */
} ap_namespace;

extern const sl_type sl__ap_namespace_type;

static void ns_clear(sl_rt *rt, sl_obj *o) {
  sl_decref(rt, ((ap_namespace *)o)->dict);
  ((ap_namespace *)o)->dict = NULL;
}

/* _AttributeHolder.__repr__: Namespace(a=1, b='x'), names that are not
 * identifiers in a trailing **{...}. */
static int ns_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_obj *d = ((ap_namespace *)o)->dict;
  sl_strbuf_puts(out, "Namespace(");
  size_t pos = 0, n = 0;
  sl_value k, v;
  sl_obj *star = NULL;
  int rc = 0;
  while (!rc && sl_dict_next(d, &pos, &k, &v)) {
    const char *name = sl__ap_cstr(k);
    bool ident = name && *name && !(name[0] >= '0' && name[0] <= '9');
    for (const char *c = name; ident && *c; c++)
      ident = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || (unsigned char)*c >= 0x80;
    if (!ident) {
      if (!star && !(star = sl_dict_new(rt))) return -1;
      rc = sl_dict_set(rt, star, k, v);
      continue;
    }
    sl_strbuf_printf(out, "%s%s=", n++ ? ", " : "", name);
    rc = sl_vm_repr(rt, v, out);
  }
  if (!rc && star) {
    sl_strbuf_printf(out, "%s**", n ? ", " : "");
    rc = sl_vm_repr(rt, sl_obj_val(star), out);
  }
  sl_decref(rt, star);
  sl_strbuf_putc(out, ')');
  return rc;
}

static int ns_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  sl_obj *d = ((ap_namespace *)o)->dict;
  if (!strcmp(name, "__dict__")) return sl_incref(d), *out = sl_obj_val(d), 0;
  bool found;
  if (sl_dict_get_str(rt, d, name, out, &found)) return -1;
  if (found) return 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'Namespace' object has no attribute '%s'", name);
}

static int ns_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  sl_obj *d = ((ap_namespace *)o)->dict;
  if (!sl_is_undef(v)) return sl_dict_set_str(rt, d, name, v);
  sl_obj *ko = sl_str_from_cstr(rt, name);
  if (!ko) return -1;
  sl_value key = sl_obj_val(ko);
  bool found;
  int rc = sl_dict_del(rt, d, key, &found);
  sl_vdecref(rt, key);
  if (rc) return -1;
  if (!found)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'Namespace' object has no attribute '%s'", name);
  return 0;
}

/* Namespace.__eq__: vars(self) == vars(other) for another Namespace. */
static int ns_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (!sl_is_type(b, &sl__ap_namespace_type)) return *res = false, 0;
  return sl_compare(rt, SL_CMP_EQ, sl_obj_val(((ap_namespace *)a)->dict),
                    sl_obj_val(((ap_namespace *)b.u.o)->dict), res);
}

static int ns_contains(sl_rt *rt, sl_obj *o, sl_value key, bool *res) {
  return sl_contains(rt, sl_obj_val(((ap_namespace *)o)->dict), key, res);
}

static const sl_lang_slots ns_slots = {.contains = ns_contains};

const sl_type sl__ap_namespace_type = {.name = "Namespace",
                                       .clear = ns_clear,
                                       .repr = ns_repr,
                                       .eq = ns_eq,
                                       .unhashable = true,
                                       .getattr = ns_getattr,
                                       .setattr = ns_setattr,
                                       .flags = SL_TF_REPR_GUARD,
                                       .lang = &ns_slots,
                                       .size = sizeof(ap_namespace)};

int sl__ap_namespace_new(sl_rt *rt, sl_value *out) {
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  ap_namespace *ns = (ap_namespace *)sl_obj_alloc(rt, &sl__ap_namespace_type);
  if (!ns) {
    sl_decref(rt, d);
    return -1;
  }
  ns->dict = d;
  return *out = sl_obj_val(&ns->hdr), 0;
}

/* Namespace(**kwargs) */
static int ct_namespace(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (args->npos)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "Namespace.__init__() takes 1 positional argument but %zu were given",
                    args->npos + 1);
  if (sl__ap_namespace_new(rt, out)) return -1;
  for (size_t i = 0; i < args->nkw; i++)
    if (sl_dict_set(rt, ((ap_namespace *)out->u.o)->dict, sl_obj_val(args->kwnames[i]),
                    args->kwvals[i])) {
      sl_vdecref(rt, *out);
      return -1;
    }
  return 0;
}

/* ---- Action ----------------------------------------------------------------- */

static void action_clear(sl_rt *rt, sl_obj *o) {
  ap_action *a = (ap_action *)o;
  sl_decref(rt, a->option_strings);
  a->option_strings = NULL;
  sl_value *vals[] = {&a->dest,    &a->konst, &a->deflt,   &a->type,
                      &a->choices, &a->help,  &a->metavar, &a->version};
  for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) sl_vset(rt, vals[i], sl_none());
}

static const char *const kind_class[] = {
    "_StoreAction",  "_StoreConstAction",  "_StoreTrueAction", "_StoreFalseAction",
    "_AppendAction", "_AppendConstAction", "_ExtendAction",    "_CountAction",
    "_HelpAction",   "_VersionAction"};

static int nargs_value(sl_rt *rt, int nargs, sl_value *out) {
  switch (nargs) {
  case AP_NARGS_NONE: return *out = sl_none(), 0;
  case AP_NARGS_OPTIONAL: return sl__ap_str(rt, "?", out);
  case AP_NARGS_ANY: return sl__ap_str(rt, "*", out);
  case AP_NARGS_SOME: return sl__ap_str(rt, "+", out);
  case AP_NARGS_REST: return sl__ap_str(rt, "...", out);
  default: return *out = sl_int(nargs), 0;
  }
}

static int action_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  ap_action *a = (ap_action *)o;
  if (!strcmp(name, "option_strings"))
    return sl_incref(a->option_strings), *out = sl_obj_val(a->option_strings), 0;
  if (!strcmp(name, "nargs")) return nargs_value(rt, a->nargs, out);
  if (!strcmp(name, "required")) return *out = sl_bool(a->required), 0;
  const struct {
    const char *name;
    sl_value v;
  } fields[] = {{"dest", a->dest},      {"const", a->konst},     {"default", a->deflt},
                {"type", a->type},      {"choices", a->choices}, {"help", a->help},
                {"metavar", a->metavar}};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    if (!strcmp(name, fields[i].name)) return *out = sl_vincref(fields[i].v), 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
                  kind_class[a->kind], name);
}

static int action_setattr(sl_rt *rt, sl_obj *o, const char *name, sl_value v) {
  ap_action *a = (ap_action *)o;
  sl_value *slot = !strcmp(name, "default")   ? &a->deflt
                   : !strcmp(name, "help")    ? &a->help
                   : !strcmp(name, "metavar") ? &a->metavar
                   : !strcmp(name, "choices") ? &a->choices
                   : !strcmp(name, "type")    ? &a->type
                   : !strcmp(name, "const")   ? &a->konst
                                              : NULL;
  if (!strcmp(name, "required") && (v.tag == SL_V_BOOL)) return a->required = v.u.b, 0;
  if (!slot || sl_is_undef(v))
    return sl_raise(rt, SL_EXC_NOT_IMPLEMENTED_ERROR,
                    "simloop: argparse: changing this attribute of an Action is not supported");
  sl_vset(rt, slot, sl_vincref(v));
  return 0;
}

/* Action.__repr__ (_AttributeHolder): the class and its fields. */
static int action_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  ap_action *a = (ap_action *)o;
  sl_strbuf_printf(out, "%s(option_strings=", kind_class[a->kind]);
  if (sl_vm_repr(rt, sl_obj_val(a->option_strings), out)) return -1;
  sl_value nargs;
  if (nargs_value(rt, a->nargs, &nargs)) return -1;
  const struct {
    const char *name;
    sl_value v;
  } fields[] = {{"dest", a->dest},
                {"nargs", nargs},
                {"const", a->konst},
                {"default", a->deflt},
                {"type", a->type},
                {"choices", a->choices},
                {"required", sl_bool(a->required)},
                {"help", a->help},
                {"metavar", a->metavar}};
  int rc = 0;
  for (size_t i = 0; !rc && i < sizeof fields / sizeof *fields; i++) {
    sl_strbuf_printf(out, ", %s=", fields[i].name);
    rc = sl_vm_repr(rt, fields[i].v, out);
  }
  sl_vdecref(rt, nargs);
  if (!rc && rt->profile->argparse_action_deprecated) sl_strbuf_puts(out, ", deprecated=False");
  sl_strbuf_putc(out, ')');
  return rc;
}

const sl_type sl__ap_action_type = {.name = "Action",
                                    .clear = action_clear,
                                    .repr = action_repr,
                                    .getattr = action_getattr,
                                    .setattr = action_setattr,
                                    .size = sizeof(ap_action)};

int sl__ap_action_name(sl_rt *rt, ap_action *a, sl_strbuf *out) {
  sl_list *opts = sl_as_list(a->option_strings);
  if (opts->len) {
    for (size_t i = 0; i < opts->len; i++)
      sl_strbuf_printf(out, "%s%s", i ? "/" : "", sl_str_cstr(opts->items[i].u.o));
    return 0;
  }
  if (!sl_is_none(a->metavar) && !sl__ap_is_suppress(a->metavar))
    return sl_vm_str(rt, a->metavar, out);
  return sl_vm_str(rt, a->dest, out);
}

static const sl_cfunc_def ct_namespace_def = {"Namespace", ct_namespace, NULL, 0};
static const sl_type *const namespace_types[] = {&sl__ap_namespace_type, NULL};
const sl_classdef sl__ap_namespace_class = {
    "argparse.Namespace", "argparse", "Namespace", namespace_types, NULL, &ct_namespace_def, NULL};
