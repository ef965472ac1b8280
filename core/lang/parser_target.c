/* Assignment and del targets: the name of an expression kind for "cannot
 * assign to X" messages, and the check that turns an expression into a
 * target, as CPython's _PyPegen_get_expr_name and set_context do. */
#include "core/lang/parser-int.h"

/* ---- names of expressions, for "cannot assign to X" ------------------------ */

const char *sl__parse_expr_name(const sl_ast_expr *e) {
  switch (e->kind) {
  case SL_EXPR_CONST:
    switch (e->u.constant.kind) {
    case SL_CONST_NONE: return "None";
    case SL_CONST_TRUE: return "True";
    case SL_CONST_FALSE: return "False";
    case SL_CONST_ELLIPSIS: return "ellipsis";
    default: return "literal";
    }
  case SL_EXPR_NAME: return "name";
  case SL_EXPR_FSTRING:
  case SL_EXPR_FORMATTED: return "f-string expression";
  case SL_EXPR_TUPLE: return "tuple";
  case SL_EXPR_LIST: return "list";
  case SL_EXPR_SET: return "set display";
  case SL_EXPR_DICT: return "dict literal";
  case SL_EXPR_LISTCOMP: return "list comprehension";
  case SL_EXPR_SETCOMP: return "set comprehension";
  case SL_EXPR_DICTCOMP: return "dict comprehension";
  case SL_EXPR_GENEXP: return "generator expression";
  case SL_EXPR_BOOLOP:
  case SL_EXPR_BINOP:
  case SL_EXPR_UNARYOP: return "expression";
  case SL_EXPR_COMPARE: return "comparison";
  case SL_EXPR_IFEXP: return "conditional expression";
  case SL_EXPR_LAMBDA: return "lambda";
  case SL_EXPR_NAMEDEXPR: return "named expression";
  case SL_EXPR_AWAIT: return "await expression";
  case SL_EXPR_YIELD:
  case SL_EXPR_YIELD_FROM: return "yield expression";
  case SL_EXPR_CALL: return "function call";
  case SL_EXPR_ATTRIBUTE: return "attribute";
  case SL_EXPR_SUBSCRIPT: return "subscript";
  case SL_EXPR_SLICE: return "slice";
  case SL_EXPR_STARRED: return "starred";
  }
  return "expression";
}

void sl__parse_set_ctx(sl_parser *p, sl_ast_expr *e, sl_ast_ctx ctx, const char *suffix) {
  switch (e->kind) {
  case SL_EXPR_NAME: e->u.name.ctx = ctx; return;
  case SL_EXPR_ATTRIBUTE: e->u.attribute.ctx = ctx; return;
  case SL_EXPR_SUBSCRIPT: e->u.subscript.ctx = ctx; return;
  case SL_EXPR_TUPLE:
  case SL_EXPR_LIST: {
    size_t starred = 0;
    e->u.seq.ctx = ctx;
    for (size_t i = 0; i < e->u.seq.n; i++) {
      sl_ast_expr *x = e->u.seq.elts[i];
      if (x->kind == SL_EXPR_STARRED) {
        if (ctx == SL_CTX_DEL) fail_expr(p, x, "cannot delete starred%s", "", "");
        if (++starred > 1) fail_expr(p, x, "multiple starred expressions in assignment%s", "", "");
        x->u.starred.ctx = ctx;
        if (x->u.starred.value->kind == SL_EXPR_STARRED)
          fail_expr(p, x, "can't use starred expression here%s", "", "");
        sl__parse_set_ctx(p, x->u.starred.value, ctx, "");
      } else {
        sl__parse_set_ctx(p, x, ctx, "");
      }
    }
    return;
  }
  case SL_EXPR_STARRED:
    if (ctx == SL_CTX_DEL) fail_expr(p, e, "cannot delete starred%s", "", "");
    fail_expr(p, e, "starred assignment target must be in a list or tuple%s", "", "");
  default:
    if (ctx == SL_CTX_DEL) fail_expr(p, e, "cannot delete %s%s", sl__parse_expr_name(e), "");
    fail_expr(p, e, "cannot assign to %s%s", sl__parse_expr_name(e), suffix);
  }
}
