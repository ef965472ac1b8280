/* Code generation for expressions and assignment targets. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict-int.h"
#include "core/dict.h"
#include "core/lang/compile-int.h"
#include "core/lang/ops.h"
#include "core/num/numfmt.h"
#include "core/lang/value.h"
#include "core/long.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* The value of an int literal beyond int64 (its text: digits, underscores,
 * a 0x/0o/0b prefix). A decimal literal past 4300 digits is CPython's
 * SyntaxError. */
static sl_value big_literal(compiler *c, const sl_ast_expr *e) {
  sl_bigint big;
  sl_bigint_init(&big);
  int64_t small;
  sl_strbuf err = SL_STRBUF_INIT;
  const sl_ast_str *s = &e->u.constant.u.s;
  sl_num_status st = sl_parse_bigint(s->data, s->len, 0, &small, &big, &err);
  if (st == SL_NUM_VALUE_ERROR) {
    char msg[200];
    snprintf(msg, sizeof msg, "%s", err.failed ? "" : sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    sl__cerr(c, e->line, e->col, SL_DIAG_SYNTAX, "int literal",
             "%s - Consider hexadecimal for huge integer literals to avoid decimal conversion "
             "limits.",
             msg);
  }
  sl_strbuf_free(&err);
  sl_value v;
  if (st != SL_NUM_INT_OVERFLOW || sl_long_from_bigint(c->rt, &big, &v)) {
    sl_bigint_free(&big);
    sl__cnomem(c);
  }
  return v;
}

/* The value of a constant expression (new reference). */
static sl_value constant_value(compiler *c, const sl_ast_expr *e) {
  sl_value v = sl_none();
  switch (e->u.constant.kind) {
  case SL_CONST_NONE: v = sl_none(); break;
  case SL_CONST_TRUE: v = sl_bool(true); break;
  case SL_CONST_FALSE: v = sl_bool(false); break;
  case SL_CONST_INT: v = sl_int(e->u.constant.u.i); break;
  case SL_CONST_FLOAT: v = sl_float(e->u.constant.u.f); break;
  case SL_CONST_BIGINT: v = big_literal(c, e); break;
  case SL_CONST_STR: {
    sl_obj *s = sl_str_new(c->rt, e->u.constant.u.s.data, e->u.constant.u.s.len);
    if (!s) sl__cnomem(c);
    v = sl_obj_val(s);
    break;
  }
  case SL_CONST_BYTES: {
    sl_obj *b =
        sl_bytes_new(c->rt, (const unsigned char *)e->u.constant.u.s.data, e->u.constant.u.s.len);
    if (!b) sl__cnomem(c);
    v = sl_obj_val(b);
    break;
  }
  case SL_CONST_ELLIPSIS: {
    /* The run's Ellipsis singleton, as the builtins hold it. */
    sl_obj *b = sl_builtins_dict(c->rt);
    bool found = false;
    if (!b || sl_dict_get_str(c->rt, b, "Ellipsis", &v, &found) || !found)
      sl__cerr(c, e->line, e->col, SL_DIAG_UNSUPPORTED, "Ellipsis",
               "'...' as a value is not supported by simloop");
    break;
  }
  default: sl__cerr(c, e->line, e->col, SL_DIAG_UNSUPPORTED, "constant", "unknown constant");
  }
  return v;
}

static void constant(compiler *c, const sl_ast_expr *e) {
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, constant_value(c, e)));
}

/* Whether `e` is a number CPython's AST optimizer folds (ast_opt.c
 * fold_unaryop): an int or float literal under signs, `~` only on ints. */
static bool folds_to_number(const sl_ast_expr *e, bool *is_int) {
  if (e->kind == SL_EXPR_CONST) {
    sl_ast_const_kind k = e->u.constant.kind;
    *is_int = k == SL_CONST_INT || k == SL_CONST_BIGINT;
    return *is_int || k == SL_CONST_FLOAT;
  }
  if (e->kind != SL_EXPR_UNARYOP || e->u.unaryop.op == SL_UNARY_NOT ||
      !folds_to_number(e->u.unaryop.operand, is_int))
    return false;
  return e->u.unaryop.op != SL_UNARY_INVERT || *is_int;
}

/* Whether CPython's AST optimizer makes `e` a constant: a literal, a
 * number under signs, a tuple of such. Binary operations on constants are
 * left out: they only decide the order of a rare set display made of them. */
static bool folds(const sl_ast_expr *e) {
  bool is_int;
  if (e->kind == SL_EXPR_CONST || folds_to_number(e, &is_int)) return true;
  if (e->kind != SL_EXPR_TUPLE) return false;
  for (size_t i = 0; i < e->u.seq.n; i++)
    if (!folds(e->u.seq.elts[i])) return false;
  return true;
}

static void release_items(compiler *c, sl_value *items, size_t n) {
  for (size_t i = 0; i < n; i++) sl_vdecref(c->rt, items[i]);
  sl_free(items);
}

static sl_value fold_value(compiler *c, const sl_ast_expr *e);

/* The values of a display's items, all of which fold (an array of new
 * references for release_items); released if the compile fails midway. */
static sl_value *fold_items(compiler *c, const sl_ast_expr *e) {
  sl_value *items = sl__cmalloc(c, e->u.seq.n * sizeof *items);
  volatile size_t got = 0;
  jmp_buf saved;
  memcpy(saved, c->jb, sizeof saved);
  if (setjmp(c->jb)) {
    memcpy(c->jb, saved, sizeof saved);
    release_items(c, items, got);
    longjmp(c->jb, 1);
  }
  for (; got < e->u.seq.n; got = got + 1) items[got] = fold_value(c, e->u.seq.elts[got]);
  memcpy(c->jb, saved, sizeof saved);
  return items;
}

/* The constant `e` folds to (new reference); `folds(e)` holds. */
static sl_value fold_value(compiler *c, const sl_ast_expr *e) {
  sl_value v;
  if (e->kind == SL_EXPR_CONST) return constant_value(c, e);
  if (e->kind == SL_EXPR_UNARYOP) {
    sl_value a = fold_value(c, e->u.unaryop.operand);
    int rc = sl_unary_op(c->rt, e->u.unaryop.op, a, &v);
    sl_vdecref(c->rt, a);
    if (rc) sl__cnomem(c);
    return v;
  }
  sl_value *items = fold_items(c, e);
  sl_obj *t = sl_tuple_new(c->rt, items, e->u.seq.n);
  release_items(c, items, e->u.seq.n);
  if (!t) sl__cnomem(c);
  return sl_obj_val(t);
}

/* The frozenset constant CPython makes of a set display whose items all
 * fold to constants, or NULL when one does not. */
static sl_obj *const_set(compiler *c, const sl_ast_expr *e) {
  for (size_t i = 0; i < e->u.seq.n; i++)
    if (!folds(e->u.seq.elts[i])) return NULL;
  sl_value *items = fold_items(c, e);
  sl_obj *f = sl_frozenset_const(c->rt, items, e->u.seq.n, c->rt->profile->const_set_remade);
  release_items(c, items, e->u.seq.n);
  if (!f) sl__cnomem(c);
  return f;
}

void sl__iter_expr(compiler *c, const sl_ast_expr *e) {
  sl_obj *f = e->kind == SL_EXPR_SET ? const_set(c, e) : NULL;
  if (f)
    sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_obj_val(f)));
  else
    sl__expr(c, e);
}

static bool has_starred(sl_ast_expr *const *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (v[i]->kind == SL_EXPR_STARRED) return true;
  return false;
}

/* Displays and calls with more elements than this are built one element
 * at a time (BUILD_LIST 0, then LIST_APPEND per element), as CPython does
 * past its STACK_USE_GUIDELINE (compile.c), so the value stack of a frame
 * never holds them all at once and their number is limited only by memory. */
#define INLINE_ELEMENTS_MAX 256

/* A list/tuple/set display; starred elements are spliced in. */
static void display(compiler *c, const sl_ast_expr *e) {
  sl_ast_expr *const *elts = e->u.seq.elts;
  size_t n = e->u.seq.n;
  sl_ast_expr_kind kind = e->kind;
  /* More than two constants: CPython merges a frozenset constant into a
   * new set (compile.c starunpack_helper), which can lay the table out
   * differently from adding the items one by one. */
  sl_obj *f = kind == SL_EXPR_SET && n > 2 ? const_set(c, e) : NULL;
  if (f) {
    sl__emit(c, SL_OP_BUILD_SET, 0);
    sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_obj_val(f)));
    sl__emit(c, SL_OP_SET_UPDATE, 1);
    return;
  }
  if (n <= INLINE_ELEMENTS_MAX && !has_starred(elts, n)) {
    for (size_t i = 0; i < n; i++) sl__expr(c, elts[i]);
    sl__emit(c,
             kind == SL_EXPR_SET    ? SL_OP_BUILD_SET
             : kind == SL_EXPR_LIST ? SL_OP_BUILD_LIST
                                    : SL_OP_BUILD_TUPLE,
             (int32_t)n);
    return;
  }
  bool set = kind == SL_EXPR_SET;
  sl__emit(c, set ? SL_OP_BUILD_SET : SL_OP_BUILD_LIST, 0);
  for (size_t i = 0; i < n; i++) {
    if (elts[i]->kind == SL_EXPR_STARRED) {
      sl__expr(c, elts[i]->u.starred.value);
      sl__emit(c, set ? SL_OP_SET_UPDATE : SL_OP_LIST_EXTEND, 1);
    } else {
      sl__expr(c, elts[i]);
      sl__emit(c, set ? SL_OP_SET_ADD : SL_OP_LIST_APPEND, 1);
    }
  }
  if (kind == SL_EXPR_TUPLE) sl__emit(c, SL_OP_LIST_TO_TUPLE, 0);
}

/* The positional arguments of a call with `*iterable`: as a tuple display,
 * but the errors name the function ("f() argument after * must be ..."). */
static void display_call(compiler *c, sl_ast_expr *const *elts, size_t n) {
  sl__emit(c, SL_OP_BUILD_LIST, 0);
  for (size_t i = 0; i < n; i++) {
    if (elts[i]->kind == SL_EXPR_STARRED) {
      sl__expr(c, elts[i]->u.starred.value);
      sl__emit(c, SL_OP_LIST_EXTEND, 1 | SL_EXTEND_CALL);
    } else {
      sl__expr(c, elts[i]);
      sl__emit(c, SL_OP_LIST_APPEND, 1);
    }
  }
  sl__emit(c, SL_OP_LIST_TO_TUPLE, 0);
}

static void dict_display(compiler *c, const sl_ast_expr *e) {
  size_t n = e->u.dict.n;
  bool unpack = false;
  for (size_t i = 0; i < n; i++)
    if (!e->u.dict.keys[i]) unpack = true;
  if (!unpack && n <= INLINE_ELEMENTS_MAX) {
    for (size_t i = 0; i < n; i++) {
      sl__expr(c, e->u.dict.keys[i]);
      sl__expr(c, e->u.dict.values[i]);
    }
    sl__emit(c, SL_OP_BUILD_MAP, (int32_t)n);
    return;
  }
  sl__emit(c, SL_OP_BUILD_MAP, 0);
  for (size_t i = 0; i < n; i++) {
    if (e->u.dict.keys[i]) {
      sl__expr(c, e->u.dict.keys[i]);
      sl__expr(c, e->u.dict.values[i]);
      sl__emit(c, SL_OP_MAP_ADD, 1);
    } else {
      sl__expr(c, e->u.dict.values[i]);
      sl__emit(c, SL_OP_DICT_UPDATE, 1);
    }
  }
}

static void fstring(compiler *c, const sl_ast_expr *e) {
  size_t n = e->u.fstring.n;
  if (n == 0) {
    sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, "", 0));
    return;
  }
  for (size_t i = 0; i < n; i++) sl__expr(c, e->u.fstring.parts[i]);
  if (n > 1 || e->u.fstring.parts[0]->kind != SL_EXPR_CONST)
    sl__emit(c, SL_OP_BUILD_STRING, (int32_t)n);
}

static void formatted(compiler *c, const sl_ast_expr *e) {
  sl__expr(c, e->u.formatted.value);
  int32_t arg = (unsigned char)e->u.formatted.conversion;
  if (e->u.formatted.format_spec) {
    sl__expr(c, e->u.formatted.format_spec);
    arg |= 0x100;
  }
  sl__emit(c, SL_OP_FORMAT_VALUE, arg);
}

static void compare(compiler *c, const sl_ast_expr *e) {
  size_t n = e->u.compare.n;
  sl__expr(c, e->u.compare.left);
  if (n == 1) {
    sl__expr(c, e->u.compare.comparators[0]);
    sl__emit(c, SL_OP_COMPARE, e->u.compare.ops[0]);
    return;
  }
  int32_t cleanup = sl__new_label(c), end = sl__new_label(c);
  for (size_t i = 0; i + 1 < n; i++) {
    sl__expr(c, e->u.compare.comparators[i]);
    sl__emit(c, SL_OP_SWAP, 2);
    sl__emit(c, SL_OP_COPY, 2);
    sl__emit(c, SL_OP_COMPARE, e->u.compare.ops[i]);
    sl__emit(c, SL_OP_JUMP_IF_FALSE_OR_POP, cleanup);
  }
  sl__expr(c, e->u.compare.comparators[n - 1]);
  sl__emit(c, SL_OP_COMPARE, e->u.compare.ops[n - 1]);
  sl__emit(c, SL_OP_JUMP, end);
  sl__bind_label(c, cleanup);
  sl__emit(c, SL_OP_SWAP, 2);
  sl__emit(c, SL_OP_POP_TOP, 0);
  sl__bind_label(c, end);
}

/* Keyword names of one CALL_KW (a constant tuple built on the C stack). */
#define KEYWORDS_INLINE_MAX 64

static void call(compiler *c, const sl_ast_expr *e) {
  const sl_ast_expr *fn = e->u.call.func;
  /* Zero-argument super() inside a method: super(__class__, <first arg>). */
  if (fn->kind == SL_EXPR_NAME && !strcmp(fn->u.name.id.data, "super") && e->u.call.n_args == 0 &&
      e->u.call.n_keywords == 0) {
    sym *y = sl__scope_lookup(c->u->sc, "__class__");
    if (y && y->scope == SYM_FREE && c->u->nlocals > 0 && c->u->argcount > 0) {
      sl__load_name(c, "__class__");
      sl__load_name(c, c->u->locals[0]);
      sl__emit(c, SL_OP_SUPER, 0);
      return;
    }
    sl__cerr(c, e->line, e->col, SL_DIAG_UNSUPPORTED, "super",
             "super() is supported only inside a method of a class");
  }
  size_t na = e->u.call.n_args, nk = e->u.call.n_keywords;
  /* Many arguments go through a tuple and a dict (CALL_EX), as a call
   * with *args does, so that the stack never holds them all. */
  bool ex = na > INLINE_ELEMENTS_MAX || nk > KEYWORDS_INLINE_MAX || has_starred(e->u.call.args, na);
  for (size_t i = 0; i < nk; i++)
    if (!e->u.call.keywords[i].name.data) ex = true;
  if (fn->kind == SL_EXPR_ATTRIBUTE && !ex && !nk) {
    /* obj.name(args): LOAD_METHOD/CALL_METHOD, the same lookup at the
     * same point and on the same lines as LOAD_ATTR then CALL. */
    uint32_t saved_line = c->u->line;
    c->u->line = fn->line;
    sl__expr(c, fn->u.attribute.value);
    c->u->line = fn->line;
    sl__emit(c, SL_OP_LOAD_METHOD, sl__name(c, fn->u.attribute.attr.data));
    c->u->line = saved_line;
    for (size_t i = 0; i < na; i++) sl__expr(c, e->u.call.args[i]);
    sl__emit(c, SL_OP_CALL_METHOD, (int32_t)na);
    return;
  }
  sl__expr(c, fn);
  if (ex) {
    display_call(c, e->u.call.args, na);
    if (nk) {
      sl__emit(c, SL_OP_BUILD_MAP, 0);
      for (size_t i = 0; i < nk; i++) {
        const sl_ast_keyword *k = &e->u.call.keywords[i];
        if (k->name.data) {
          sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, k->name.data, k->name.len));
          sl__expr(c, k->value);
          sl__emit(c, SL_OP_MAP_ADD, 1);
        } else {
          sl__expr(c, k->value);
          sl__emit(c, SL_OP_DICT_UPDATE, 1 | SL_EXTEND_CALL);
        }
      }
    }
    sl__emit(c, SL_OP_CALL_EX, nk ? 1 : 0);
    return;
  }
  for (size_t i = 0; i < na; i++) sl__expr(c, e->u.call.args[i]);
  if (!nk) {
    sl__emit(c, SL_OP_CALL, (int32_t)na);
    return;
  }
  sl_value names[KEYWORDS_INLINE_MAX];
  for (size_t i = 0; i < nk; i++) {
    sl__expr(c, e->u.call.keywords[i].value);
    sl_obj *s = sl_str_new(c->rt, e->u.call.keywords[i].name.data, e->u.call.keywords[i].name.len);
    if (!s) {
      for (size_t j = 0; j < i; j++) sl_vdecref(c->rt, names[j]);
      sl__cnomem(c);
    }
    names[i] = sl_obj_val(s);
  }
  sl_obj *t = sl_tuple_new(c->rt, names, nk);
  for (size_t j = 0; j < nk; j++) sl_vdecref(c->rt, names[j]);
  if (!t) sl__cnomem(c);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_obj_val(t)));
  sl__emit(c, SL_OP_CALL_KW, (int32_t)(na + nk));
}

static void defaults(compiler *c, const sl_ast_params *p, unsigned *flags) {
  if (p->n_defaults) {
    for (size_t i = 0; i < p->n_defaults; i++) sl__expr(c, p->defaults[i]);
    sl__emit(c, SL_OP_BUILD_TUPLE, (int32_t)p->n_defaults);
    *flags |= SL_MF_DEFAULTS;
  }
  size_t nkw = 0;
  for (size_t i = 0; i < p->n_kwonly; i++) {
    if (!p->kw_defaults[i]) continue;
    sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, p->kwonly[i].name.data, p->kwonly[i].name.len));
    sl__expr(c, p->kw_defaults[i]);
    nkw++;
  }
  if (nkw) {
    sl__emit(c, SL_OP_BUILD_MAP, (int32_t)nkw);
    *flags |= SL_MF_KWDEFAULTS;
  }
}

void sl__expr(compiler *c, const sl_ast_expr *e) {
  uint32_t saved_line = c->u->line;
  c->u->line = e->line;
  switch (e->kind) {
  case SL_EXPR_CONST: constant(c, e); break;
  case SL_EXPR_NAME: sl__load_name(c, e->u.name.id.data); break;
  case SL_EXPR_FSTRING: fstring(c, e); break;
  case SL_EXPR_FORMATTED: formatted(c, e); break;
  case SL_EXPR_TUPLE:
  case SL_EXPR_LIST:
  case SL_EXPR_SET: display(c, e); break;
  case SL_EXPR_DICT: dict_display(c, e); break;
  case SL_EXPR_LISTCOMP:
  case SL_EXPR_SETCOMP:
  case SL_EXPR_DICTCOMP:
  case SL_EXPR_GENEXP: {
    scope *cs = sl__scope_find(c->u->sc, e);
    sl_obj *code = sl__compile_comprehension(c, cs, e);
    sl__make_closure(c, cs, code, 0);
    sl__iter_expr(c, e->u.comp.gens[0].iter);
    c->u->line = e->line;
    sl__emit(c, e->u.comp.gens[0].is_async ? SL_OP_GET_AITER : SL_OP_GET_ITER, 0);
    sl__emit(c, SL_OP_CALL, 1);
    if (cs->has_await && e->kind != SL_EXPR_GENEXP) sl__emit(c, SL_OP_AWAIT, 0);
    break;
  }
  case SL_EXPR_YIELD:
    if (e->u.await.value)
      sl__expr(c, e->u.await.value);
    else
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
    c->u->line = e->line;
    sl__emit(c, SL_OP_YIELD_VALUE, 0);
    break;
  case SL_EXPR_YIELD_FROM:
    sl__expr(c, e->u.await.value);
    c->u->line = e->line;
    sl__emit(c, SL_OP_YIELD_FROM, 0);
    break;
  case SL_EXPR_BOOLOP: {
    int32_t end = sl__new_label(c);
    for (size_t i = 0; i < e->u.boolop.n; i++) {
      sl__expr(c, e->u.boolop.values[i]);
      if (i + 1 < e->u.boolop.n)
        sl__emit(c,
                 e->u.boolop.op == SL_BOOL_AND ? SL_OP_JUMP_IF_FALSE_OR_POP
                                               : SL_OP_JUMP_IF_TRUE_OR_POP,
                 end);
    }
    sl__bind_label(c, end);
    break;
  }
  case SL_EXPR_BINOP:
    sl__expr(c, e->u.binop.left);
    sl__expr(c, e->u.binop.right);
    c->u->line = e->line;
    sl__emit(c, SL_OP_BINARY_OP, e->u.binop.op);
    break;
  case SL_EXPR_UNARYOP:
    sl__expr(c, e->u.unaryop.operand);
    sl__emit(c, SL_OP_UNARY_OP, e->u.unaryop.op);
    break;
  case SL_EXPR_COMPARE: compare(c, e); break;
  case SL_EXPR_IFEXP: {
    int32_t orelse = sl__new_label(c), end = sl__new_label(c);
    sl__jump_if(c, e->u.ifexp.test, false, orelse);
    sl__expr(c, e->u.ifexp.body);
    sl__emit(c, SL_OP_JUMP, end);
    sl__bind_label(c, orelse);
    sl__expr(c, e->u.ifexp.orelse);
    sl__bind_label(c, end);
    break;
  }
  case SL_EXPR_LAMBDA: {
    unsigned flags = 0;
    defaults(c, e->u.lambda.params, &flags);
    scope *ls = sl__scope_find(c->u->sc, e);
    sl_obj *code = sl__compile_function(c, ls, "<lambda>", e->u.lambda.params, NULL,
                                        e->u.lambda.body, e->line);
    sl__make_closure(c, ls, code, flags);
    break;
  }
  case SL_EXPR_NAMEDEXPR:
    sl__expr(c, e->u.namedexpr.value);
    sl__emit(c, SL_OP_COPY, 1);
    sl__store_name(c, e->u.namedexpr.target->u.name.id.data);
    break;
  case SL_EXPR_AWAIT:
    sl__expr(c, e->u.await.value);
    c->u->line = e->line;
    sl__emit(c, SL_OP_AWAIT, 0);
    break;
  case SL_EXPR_CALL: call(c, e); break;
  case SL_EXPR_ATTRIBUTE:
    sl__expr(c, e->u.attribute.value);
    c->u->line = e->line;
    sl__emit(c, SL_OP_LOAD_ATTR, sl__name(c, e->u.attribute.attr.data));
    break;
  case SL_EXPR_SUBSCRIPT:
    sl__expr(c, e->u.subscript.value);
    sl__expr(c, e->u.subscript.index);
    c->u->line = e->line;
    sl__emit(c, SL_OP_BINARY_SUBSCR, 0);
    break;
  case SL_EXPR_SLICE: {
    const sl_ast_expr *parts[3] = {e->u.slice.lower, e->u.slice.upper, e->u.slice.step};
    for (int i = 0; i < 3; i++) {
      if (parts[i])
        sl__expr(c, parts[i]);
      else
        sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
    }
    sl__emit(c, SL_OP_BUILD_SLICE, 0);
    break;
  }
  case SL_EXPR_STARRED:
    sl__cerr(c, e->line, e->col, SL_DIAG_SYNTAX, NULL, "can't use starred expression here");
  }
  c->u->line = saved_line;
}

/* sl__jump_if for `x is None` and `x is not None`: x and one
 * POP_JUMP_IF_NONE or POP_JUMP_IF_NOT_NONE, not the None loaded, an `is`
 * and a bool, as CPython 3.12+ compiles it. `is` calls nothing and cannot
 * fail, so nothing can tell: x is still dropped at an instruction of e's
 * line. A conditional jump back (a comprehension's `if`) does not count
 * against the loop budget, as the plain code's did not. */
static bool none_test_jump(compiler *c, const sl_ast_expr *e, bool cond, int32_t label) {
  if (e->kind != SL_EXPR_COMPARE || e->u.compare.n != 1) return false;
  sl_ast_cmpop op = e->u.compare.ops[0];
  const sl_ast_expr *r = e->u.compare.comparators[0];
  if ((op != SL_CMP_IS && op != SL_CMP_ISNOT) || r->kind != SL_EXPR_CONST ||
      r->u.constant.kind != SL_CONST_NONE)
    return false;
  bool on_none = (op == SL_CMP_IS) == cond;
  uint32_t saved_line = c->u->line;
  c->u->line = e->line;
  sl__expr(c, e->u.compare.left);
  sl__emit(c, on_none ? SL_OP_POP_JUMP_IF_NONE : SL_OP_POP_JUMP_IF_NOT_NONE, label);
  c->u->line = saved_line;
  return true;
}

/* The truth of the constant e, 1 or 0, for the kinds whose truth is
 * plain (None, True, False, an int in range); -1 for the others. */
static int const_truth(const sl_ast_expr *e) {
  switch (e->u.constant.kind) {
  case SL_CONST_TRUE: return 1;
  case SL_CONST_FALSE:
  case SL_CONST_NONE: return 0;
  case SL_CONST_INT: return e->u.constant.u.i != 0;
  default: return -1;
  }
}

/* Jumps to `label` when the truth of e equals cond (without building a
 * bool for `not`, `and` and `or`). */
void sl__jump_if(compiler *c, const sl_ast_expr *e, bool cond, int32_t label) {
  /* A constant whose truth is not cond (`while True:`, `if 1:`): the jump
   * is never taken, and loading the constant and testing it can neither
   * fail nor be seen, so nothing is emitted, as CPython's optimizer does. */
  if (e->kind == SL_EXPR_CONST) {
    int truth = const_truth(e);
    if (truth >= 0 && (truth != 0) != cond) return;
  }
  if (e->kind == SL_EXPR_UNARYOP && e->u.unaryop.op == SL_UNARY_NOT) {
    sl__jump_if(c, e->u.unaryop.operand, !cond, label);
    return;
  }
  if (e->kind == SL_EXPR_BOOLOP) {
    bool is_or = e->u.boolop.op == SL_BOOL_OR;
    size_t n = e->u.boolop.n;
    if (is_or == cond) {
      for (size_t i = 0; i < n; i++) sl__jump_if(c, e->u.boolop.values[i], cond, label);
    } else {
      int32_t skip = sl__new_label(c);
      for (size_t i = 0; i + 1 < n; i++) sl__jump_if(c, e->u.boolop.values[i], !cond, skip);
      sl__jump_if(c, e->u.boolop.values[n - 1], cond, label);
      sl__bind_label(c, skip);
    }
    return;
  }
  if (none_test_jump(c, e, cond, label)) return;
  sl__expr(c, e);
  sl__emit(c, cond ? SL_OP_POP_JUMP_IF_TRUE : SL_OP_POP_JUMP_IF_FALSE, label);
}

/* Stores TOS into an assignment target (consuming it). */
void sl__store_target(compiler *c, const sl_ast_expr *t) {
  uint32_t saved_line = c->u->line;
  c->u->line = t->line;
  switch (t->kind) {
  case SL_EXPR_NAME: sl__store_name(c, t->u.name.id.data); break;
  case SL_EXPR_ATTRIBUTE:
    sl__expr(c, t->u.attribute.value);
    c->u->line = t->line;
    sl__emit(c, SL_OP_STORE_ATTR, sl__name(c, t->u.attribute.attr.data));
    break;
  case SL_EXPR_SUBSCRIPT:
    sl__expr(c, t->u.subscript.value);
    sl__expr(c, t->u.subscript.index);
    c->u->line = t->line;
    sl__emit(c, SL_OP_STORE_SUBSCR, 0);
    break;
  case SL_EXPR_TUPLE:
  case SL_EXPR_LIST: {
    size_t n = t->u.seq.n;
    size_t star = n;
    for (size_t i = 0; i < n; i++)
      if (t->u.seq.elts[i]->kind == SL_EXPR_STARRED) {
        if (star != n)
          sl__cerr(c, t->line, t->col, SL_DIAG_SYNTAX, NULL,
                   "multiple starred expressions in assignment");
        star = i;
      }
    if (star == n) {
      sl__emit(c, SL_OP_UNPACK_SEQUENCE, (int32_t)n);
    } else {
      if (star > 255 || n - star - 1 > 255)
        sl__cerr(c, t->line, t->col, SL_DIAG_LIMIT, NULL,
                 "too many expressions in star-unpacking assignment");
      sl__emit(c, SL_OP_UNPACK_EX, (int32_t)(star | ((n - star - 1) << 8)));
    }
    for (size_t i = 0; i < n; i++) {
      const sl_ast_expr *el = t->u.seq.elts[i];
      sl__store_target(c, el->kind == SL_EXPR_STARRED ? el->u.starred.value : el);
    }
    break;
  }
  default: sl__cerr(c, t->line, t->col, SL_DIAG_SYNTAX, NULL, "cannot assign to expression");
  }
  c->u->line = saved_line;
}

void sl__delete_target(compiler *c, const sl_ast_expr *t) {
  uint32_t saved_line = c->u->line;
  c->u->line = t->line;
  switch (t->kind) {
  case SL_EXPR_NAME: sl__delete_name(c, t->u.name.id.data); break;
  case SL_EXPR_ATTRIBUTE:
    sl__expr(c, t->u.attribute.value);
    sl__emit(c, SL_OP_DELETE_ATTR, sl__name(c, t->u.attribute.attr.data));
    break;
  case SL_EXPR_SUBSCRIPT:
    sl__expr(c, t->u.subscript.value);
    sl__expr(c, t->u.subscript.index);
    c->u->line = t->line;
    sl__emit(c, SL_OP_DELETE_SUBSCR, 0);
    break;
  case SL_EXPR_TUPLE:
  case SL_EXPR_LIST:
    for (size_t i = 0; i < t->u.seq.n; i++) sl__delete_target(c, t->u.seq.elts[i]);
    break;
  default: sl__cerr(c, t->line, t->col, SL_DIAG_SYNTAX, NULL, "cannot delete expression");
  }
  c->u->line = saved_line;
}
