/* The language's generic protocols, with Python's semantics: operators,
 * comparisons, subscripts, iteration, len, format. The compiler's bytecode
 * maps onto these; builtins use them too.
 *
 * All return 0 on success, -1 with an exception raised (CPython's type and
 * message) or rt->fatal set. Values returned through pointers are new
 * references. */
#ifndef SL_LANG_OPS_H
#define SL_LANG_OPS_H

#include "core/lang/ast.h"
#include "core/object.h"

int sl_binary_op(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out);
/* a op= b: mutates lists in place (+=), otherwise as sl_binary_op. */
int sl_inplace_op(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, sl_value *out);
int sl_unary_op(sl_rt *rt, sl_ast_unaryop op, sl_value a, sl_value *out);
/* All comparison operators, including in / not in / is / is not. */
int sl_compare(sl_rt *rt, sl_ast_cmpop op, sl_value a, sl_value b, bool *res);
int sl_contains(sl_rt *rt, sl_value container, sl_value item, bool *res);

int sl_getitem(sl_rt *rt, sl_value container, sl_value key, sl_value *out);
int sl_setitem(sl_rt *rt, sl_value container, sl_value key, sl_value v);
int sl_delitem(sl_rt *rt, sl_value container, sl_value key);
/* slice(start, stop, step): None for an omitted part. */
sl_obj *sl_slice_new(sl_rt *rt, sl_value start, sl_value stop, sl_value step);

int sl_len(sl_rt *rt, sl_value v, int64_t *out);
/* iter(v) */
int sl_iter(sl_rt *rt, sl_value v, sl_value *iter);
/* next(iter): 1 and *out = the item, 0 when exhausted, -1 on error. */
int sl_iter_next(sl_rt *rt, sl_value iter, sl_value *out);

int sl_setattr(sl_rt *rt, sl_value obj, const char *name, sl_value v);
/* AttributeError for setting or deleting `name` on an object without a
 * __dict__, worded for the run's profile. Returns -1. */
int sl_no_dict_attr_error(sl_rt *rt, sl_value obj, const char *name);
/* format(v, spec) appended to out (f-strings, str.format, format()). */
int sl_format(sl_rt *rt, sl_value v, const char *spec, size_t spec_len, sl_strbuf *out);

/* The builtins namespace (a dict, borrowed from the run's language state). */
sl_obj *sl_builtins_dict(sl_rt *rt);
/* Creates the builtins dict for the run (called once by the VM). */
int sl_builtins_init(sl_rt *rt, sl_obj *dict);

/* Writes text printed by the scenario (print()); implemented by the VM,
 * which splits lines, reports them to the observer and the run's sink. */
int sl_print_write(sl_rt *rt, const char *text, size_t len);

#endif
