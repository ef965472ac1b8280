/* argparse's values (Lib/argparse.py): _get_values, _get_value (the
 * type function and the texts of its failures), _check_value (choices),
 * and each action class's __call__ storing into the namespace. */
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/mod_argparse-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* An argparse.ArgumentTypeError (the type function's own message). */
static bool is_argument_type_error(sl_obj *exc) {
  const char *name = sl_exc_type_name(exc);
  return name && !strcmp(name, "ArgumentTypeError");
}

/* _get_value: type(arg) with the texts of its failures. */
int sl__ap_get_value(sl_rt *rt, ap_parser *p, ap_action *a, sl_value arg, sl_value *out) {
  if (sl_is_none(a->type)) return *out = sl_vincref(arg), 0;
  if (sl_vm_call_pos(rt, a->type, &arg, 1, out) == 0) return 0;
  if (rt->fatal || !rt->exc) return -1;
  sl_obj *exc = rt->exc;
  sl_strbuf msg = SL_STRBUF_INIT;
  int rc = 0;
  if (is_argument_type_error(exc)) {
    sl_incref(exc);
    sl_err_clear(rt);
    rc = sl_vm_str(rt, sl_obj_val(exc), &msg);
    sl_decref(rt, exc);
  } else if (sl_exc_isinstance(exc, SL_EXC_TYPE_ERROR) ||
             sl_exc_isinstance(exc, SL_EXC_VALUE_ERROR)) {
    sl_err_clear(rt);
    sl_value name;
    sl_strbuf_puts(&msg, "invalid ");
    if (sl_vm_getattr(rt, a->type, "__name__", &name) == 0) {
      rc = sl_vm_str(rt, name, &msg);
      sl_vdecref(rt, name);
    } else {
      sl_err_clear(rt);
      rc = sl_vm_repr(rt, a->type, &msg);
    }
    sl_strbuf_puts(&msg, " value: ");
    if (!rc) rc = sl_vm_repr(rt, arg, &msg);
  } else {
    return -1;
  }
  if (!rc) sl__ap_arg_error(rt, p, a, sl_strbuf_cstr(&msg));
  sl_strbuf_free(&msg);
  return -1;
}

/* _check_value: a value not among the choices is an error; 3.11/3.12
 * print the value and choices with repr(), 3.13+ with str(). */
static int check_value(sl_rt *rt, ap_parser *p, ap_action *a, sl_value v) {
  if (sl_is_none(a->choices)) return 0;
  bool in = false;
  if (sl_contains(rt, a->choices, v, &in)) return -1;
  if (in) return 0;
  bool str_form = rt->profile->argparse_choices_str;
  sl_strbuf msg = SL_STRBUF_INIT;
  sl_strbuf_puts(&msg, "invalid choice: ");
  int rc = 0;
  if (str_form) {
    /* '%(value)r' % {'value': str(value)} */
    sl_strbuf s = SL_STRBUF_INIT;
    rc = sl_vm_str(rt, v, &s);
    sl_obj *so = rc ? NULL : sl_str_take_buf(rt, &s);
    sl_strbuf_free(&s); /* not taken when rc */
    rc = !so || sl_vm_repr(rt, sl_obj_val(so), &msg);
    sl_decref(rt, so);
  } else {
    rc = sl_vm_repr(rt, v, &msg);
  }
  sl_strbuf_puts(&msg, " (choose from ");
  sl_value it, c;
  if (!rc) rc = sl_iter(rt, a->choices, &it);
  if (!rc) {
    int r, first = 1;
    while ((r = sl_iter_next(rt, it, &c)) == 1) {
      if (!first) sl_strbuf_puts(&msg, ", ");
      first = 0;
      r = str_form ? sl_vm_str(rt, c, &msg) : sl_vm_repr(rt, c, &msg);
      sl_vdecref(rt, c);
      if (r) break;
    }
    sl_vdecref(rt, it);
    rc = r < 0 ? -1 : 0;
  }
  sl_strbuf_putc(&msg, ')');
  if (!rc) sl__ap_arg_error(rt, p, a, sl_strbuf_cstr(&msg));
  sl_strbuf_free(&msg);
  return -1;
}

/* _get_values(action, arg_strings) */
int sl__ap_get_values(sl_rt *rt, ap_parser *p, ap_action *a, const char **args, size_t n,
                      sl_value *out) {
  /* the first '--' is dropped (but for REMAINDER) */
  const char *kept[n ? n : 1];
  size_t k = 0;
  bool dropped = a->nargs == AP_NARGS_REST;
  for (size_t i = 0; i < n; i++) {
    if (!dropped && !strcmp(args[i], "--")) {
      dropped = true;
      continue;
    }
    kept[k++] = args[i];
  }
  if (!k && a->nargs == AP_NARGS_OPTIONAL) {
    sl_value v = sl_is_type(sl_obj_val(a->option_strings), &sl_list_type) &&
                         sl_as_list(a->option_strings)->len
                     ? a->konst
                     : a->deflt;
    if (!sl_is_str(v)) return *out = sl_vincref(v), 0;
    if (sl__ap_get_value(rt, p, a, v, out)) return -1;
    if (check_value(rt, p, a, *out)) return sl_vdecref(rt, *out), -1;
    return 0;
  }
  if (!k && a->nargs == AP_NARGS_ANY && !sl_as_list(a->option_strings)->len) {
    if (!sl_is_none(a->deflt))
      *out = sl_vincref(a->deflt);
    else {
      sl_obj *l = sl_list_new(rt, NULL, 0);
      if (!l) return -1;
      *out = sl_obj_val(l);
    }
    if (check_value(rt, p, a, *out)) return sl_vdecref(rt, *out), -1;
    return 0;
  }
  if (k == 1 && (a->nargs == AP_NARGS_NONE || a->nargs == AP_NARGS_OPTIONAL)) {
    sl_value s;
    if (sl__ap_str(rt, kept[0], &s)) return -1;
    int rc = sl__ap_get_value(rt, p, a, s, out);
    sl_vdecref(rt, s);
    if (rc) return -1;
    if (check_value(rt, p, a, *out)) return sl_vdecref(rt, *out), -1;
    return 0;
  }
  sl_obj *l = sl_list_new(rt, NULL, 0);
  if (!l) return -1;
  for (size_t i = 0; i < k; i++) {
    sl_value s, v;
    if (sl__ap_str(rt, kept[i], &s)) goto fail;
    int rc = a->nargs == AP_NARGS_REST ? (v = sl_vincref(s), 0) : sl__ap_get_value(rt, p, a, s, &v);
    sl_vdecref(rt, s);
    if (rc) goto fail;
    rc = sl_list_append(rt, l, v);
    sl_vdecref(rt, v);
    if (rc) goto fail;
  }
  if (a->nargs != AP_NARGS_REST)
    for (size_t i = 0; i < k; i++)
      if (check_value(rt, p, a, sl_as_list(l)->items[i])) goto fail;
  return *out = sl_obj_val(l), 0;
fail:
  sl_decref(rt, l);
  return -1;
}

/* Action.__call__ for each action class. */
int sl__ap_apply(sl_rt *rt, ap_parser *p, ap_action *a, sl_value ns, sl_value values) {
  const char *dest = sl__ap_cstr(a->dest);
  if (!dest) return sl_raise(rt, SL_EXC_TYPE_ERROR, "attribute name must be string");
  sl_value cur, v;
  switch (a->kind) {
  case AP_STORE: return sl_vm_setattr(rt, ns, dest, values);
  case AP_STORE_CONST:
  case AP_STORE_TRUE:
  case AP_STORE_FALSE: return sl_vm_setattr(rt, ns, dest, a->konst);
  case AP_COUNT: {
    if (sl_vm_getattr(rt, ns, dest, &cur)) {
      if (!sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) return -1;
      sl_err_clear(rt);
      cur = sl_none();
    }
    if (sl_is_none(cur)) cur = sl_int(0);
    int rc = sl_binary_op(rt, SL_BIN_ADD, cur, sl_int(1), &v);
    sl_vdecref(rt, cur);
    if (rc) return -1;
    rc = sl_vm_setattr(rt, ns, dest, v);
    sl_vdecref(rt, v);
    return rc;
  }
  case AP_APPEND:
  case AP_APPEND_CONST:
  case AP_EXTEND: {
    /* items = _copy_items(getattr(namespace, dest, None)) */
    if (sl_vm_getattr(rt, ns, dest, &cur)) {
      if (!sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) return -1;
      sl_err_clear(rt);
      cur = sl_none();
    }
    sl_obj *l = NULL;
    int rc = sl_is_none(cur) ? ((l = sl_list_new(rt, NULL, 0)) ? 0 : -1)
                             : sl_list_from_iterable(rt, cur, &l);
    sl_vdecref(rt, cur);
    if (rc) return -1;
    if (a->kind == AP_EXTEND) {
      sl_value it, x;
      rc = sl_iter(rt, values, &it);
      int r = 0;
      while (!rc && (r = sl_iter_next(rt, it, &x)) == 1) {
        rc = sl_list_append(rt, l, x);
        sl_vdecref(rt, x);
      }
      if (!rc && r < 0) rc = -1;
      if (sl_is_obj(it)) sl_vdecref(rt, it);
    } else {
      rc = sl_list_append(rt, l, a->kind == AP_APPEND ? values : a->konst);
    }
    if (!rc) rc = sl_vm_setattr(rt, ns, dest, sl_obj_val(l));
    sl_decref(rt, l);
    return rc;
  }
  case AP_HELP: {
    sl_value text;
    if (sl__ap_format_help(rt, p, &text)) return -1;
    int rc = sl__ap_print(rt, sl_none(), "stdout", text);
    sl_vdecref(rt, text);
    return rc ? -1 : sl__ap_exit(rt, 0, NULL);
  }
  case AP_VERSION: {
    sl_value text;
    if (sl__ap_format_version(rt, p, a->version, &text)) return -1;
    int rc = sl__ap_print(rt, sl_none(), "stdout", text);
    sl_vdecref(rt, text);
    return rc ? -1 : sl__ap_exit(rt, 0, NULL);
  }
  }
  return 0;
}
