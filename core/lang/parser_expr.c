/* Expressions. Mirrors the expression rules of CPython's Grammar/python.gram
 * (expression, disjunction, ..., primary, atom), with the binary operators
 * collapsed into one precedence-climbing function. Assignment targets are
 * checked in parser_target.c, parameter lists parsed in parser_params.c.
 *
 * Precedence, lowest first: lambda; if-else; or; and; not; comparisons
 * (in, not in, is, is not, <, ...); |; ^; &; << >>; + -; * / // %;
 * unary + - ~; ** (right-associative, binds tighter than a unary operator
 * on its left); await; primary (.attr, call, subscript). */
#include <string.h>

#include "core/lang/parser-int.h"

#define AT(k)     sl__parse_at(p, (k))
#define NEXT()    sl__parse_next(p)
#define ACCEPT(k) sl__parse_accept(p, (k))
#define EXPECT(k) sl__parse_expect(p, (k))

static sl_ast_expr *parse_disjunction(sl_parser *p);
static sl_ast_expr *parse_factor(sl_parser *p);
static sl_ast_expr *parse_primary(sl_parser *p);

static sl_ast_expr *new_at(sl_parser *p, sl_ast_expr_kind kind, const sl_token *t) {
  return sl__parse_new_expr(p, kind, t->line, t->col);
}

static sl_ast_expr *done(sl_parser *p, sl_ast_expr *e) {
  sl__parse_finish_expr(p, e);
  return e;
}

bool sl__parse_starts_expr(sl_tok_kind k) {
  switch (k) {
  case SL_TOK_NAME:
  case SL_TOK_INT:
  case SL_TOK_FLOAT:
  case SL_TOK_STRING:
  case SL_TOK_LPAR:
  case SL_TOK_LSQB:
  case SL_TOK_LBRACE:
  case SL_TOK_MINUS:
  case SL_TOK_PLUS:
  case SL_TOK_TILDE:
  case SL_TOK_STAR:
  case SL_TOK_KW_NOT:
  case SL_TOK_KW_LAMBDA:
  case SL_TOK_KW_AWAIT:
  case SL_TOK_KW_NONE:
  case SL_TOK_KW_TRUE:
  case SL_TOK_KW_FALSE:
  case SL_TOK_ELLIPSIS:
  case SL_TOK_KW_YIELD: return true;
  default: return false;
  }
}

/* ---- comprehensions ------------------------------------------------------------ */

static sl_ast_expr *parse_comprehension(sl_parser *p, sl_ast_expr_kind kind, const sl_token *start,
                                        sl_ast_expr *elt, sl_ast_expr *value) {
  sl_vec gens = {0};
  while (AT(SL_TOK_KW_FOR) || AT(SL_TOK_KW_ASYNC)) {
    sl_ast_comprehension g = {0};
    if (AT(SL_TOK_KW_ASYNC)) {
      /* An async generator expression may appear anywhere; the other
       * comprehensions run in the enclosing function and await there. */
      if (kind != SL_EXPR_GENEXP && !p->in_async)
        sl__parse_syntax(p, CUR(p),
                         "asynchronous comprehension outside of an asynchronous function");
      g.is_async = true;
      NEXT();
    }
    NEXT();
    g.target = sl__parse_target_list(p);
    sl__parse_set_ctx(p, g.target, SL_CTX_STORE, "");
    EXPECT(SL_TOK_KW_IN);
    g.iter = parse_disjunction(p);
    sl_vec ifs = {0};
    while (ACCEPT(SL_TOK_KW_IF)) {
      sl_ast_expr *c = parse_disjunction(p);
      sl__vec_push(p, &ifs, &c, sizeof c);
    }
    g.ifs = ifs.data;
    g.n_ifs = ifs.n;
    sl__vec_push(p, &gens, &g, sizeof g);
  }
  sl_ast_expr *e = new_at(p, kind, start);
  if (kind == SL_EXPR_DICTCOMP) {
    e->u.comp.key = elt;
    e->u.comp.value = value;
  } else {
    e->u.comp.elt = elt;
  }
  e->u.comp.gens = gens.data;
  e->u.comp.n_gens = gens.n;
  return done(p, e);
}

static bool at_comp_for(sl_parser *p) {
  return AT(SL_TOK_KW_FOR) || (AT(SL_TOK_KW_ASYNC) && PEEK(p, 1)->kind == SL_TOK_KW_FOR);
}

/* ---- atoms --------------------------------------------------------------------- */

static sl_ast_expr *parse_star_named(sl_parser *p) {
  if (AT(SL_TOK_STAR)) {
    sl_token t = *CUR(p);
    NEXT();
    sl_ast_expr *e = new_at(p, SL_EXPR_STARRED, &t);
    e->u.starred.value = sl__parse_bitor(p);
    return done(p, e);
  }
  return sl__parse_named_expression(p);
}

static sl_ast_expr *make_seq(sl_parser *p, sl_ast_expr_kind kind, const sl_token *t, sl_vec *v) {
  sl_ast_expr *e = new_at(p, kind, t);
  e->u.seq.elts = v->data;
  e->u.seq.n = v->n;
  return done(p, e);
}

/* Parses the rest of a display after its first element: `, x, y` up to
 * the closing bracket (not consumed). */
static void parse_more_elts(sl_parser *p, sl_vec *v, sl_tok_kind close) {
  while (ACCEPT(SL_TOK_COMMA)) {
    if (AT(close)) break;
    sl_ast_expr *x = parse_star_named(p);
    sl__vec_push(p, v, &x, sizeof x);
  }
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions].
 * Where CPython's symtable checks them: outside a function, and `yield
 * from` in an async function. */
sl_ast_expr *sl__parse_yield_expr(sl_parser *p) {
  sl_token t = *CUR(p);
  if (!p->in_func) sl__parse_syntax(p, &t, "'yield' outside function");
  NEXT();
  if (AT(SL_TOK_KW_FROM)) {
    if (p->in_async) sl__parse_syntax(p, &t, "'yield from' inside async function");
    NEXT();
    sl_ast_expr *e = new_at(p, SL_EXPR_YIELD_FROM, &t);
    e->u.await.value = sl__parse_expression(p);
    return done(p, e);
  }
  sl_ast_expr *e = new_at(p, SL_EXPR_YIELD, &t);
  if (sl__parse_starts_expr(CUR(p)->kind) && !AT(SL_TOK_KW_YIELD))
    e->u.await.value = sl__parse_star_expressions(p);
  return done(p, e);
}

/* star_expressions, or a yield expression where the grammar allows one
 * unparenthesised (statements, assignment values). */
sl_ast_expr *sl__parse_star_expressions_or_yield(sl_parser *p) {
  return AT(SL_TOK_KW_YIELD) ? sl__parse_yield_expr(p) : sl__parse_star_expressions(p);
}

static sl_ast_expr *parse_paren(sl_parser *p) {
  sl_token t = *CUR(p);
  NEXT();
  sl_vec v = {0};
  if (ACCEPT(SL_TOK_RPAR)) return make_seq(p, SL_EXPR_TUPLE, &t, &v);
  if (AT(SL_TOK_KW_YIELD)) {
    sl_ast_expr *y = sl__parse_yield_expr(p);
    EXPECT(SL_TOK_RPAR);
    return y;
  }
  sl_ast_expr *first = parse_star_named(p);
  if (at_comp_for(p)) {
    if (first->kind == SL_EXPR_STARRED)
      fail_expr(p, first, "iterable unpacking cannot be used in comprehension%s", "", "");
    sl_ast_expr *e = parse_comprehension(p, SL_EXPR_GENEXP, &t, first, NULL);
    EXPECT(SL_TOK_RPAR);
    return e;
  }
  if (!AT(SL_TOK_COMMA)) {
    EXPECT(SL_TOK_RPAR);
    if (first->kind == SL_EXPR_STARRED)
      fail_expr(p, first, "cannot use starred expression here%s", "", "");
    return first;
  }
  sl__vec_push(p, &v, &first, sizeof first);
  parse_more_elts(p, &v, SL_TOK_RPAR);
  EXPECT(SL_TOK_RPAR);
  return make_seq(p, SL_EXPR_TUPLE, &t, &v);
}

static sl_ast_expr *parse_list(sl_parser *p) {
  sl_token t = *CUR(p);
  NEXT();
  sl_vec v = {0};
  if (ACCEPT(SL_TOK_RSQB)) return make_seq(p, SL_EXPR_LIST, &t, &v);
  sl_ast_expr *first = parse_star_named(p);
  if (at_comp_for(p)) {
    if (first->kind == SL_EXPR_STARRED)
      fail_expr(p, first, "iterable unpacking cannot be used in comprehension%s", "", "");
    sl_ast_expr *e = parse_comprehension(p, SL_EXPR_LISTCOMP, &t, first, NULL);
    EXPECT(SL_TOK_RSQB);
    return e;
  }
  sl__vec_push(p, &v, &first, sizeof first);
  parse_more_elts(p, &v, SL_TOK_RSQB);
  EXPECT(SL_TOK_RSQB);
  return make_seq(p, SL_EXPR_LIST, &t, &v);
}

static sl_ast_expr *parse_brace(sl_parser *p) {
  sl_token t = *CUR(p);
  NEXT();
  sl_vec keys = {0}, values = {0};
  sl_ast_expr *k, *v;
  if (ACCEPT(SL_TOK_RBRACE)) goto dict;
  if (AT(SL_TOK_DOUBLESTAR)) {
    NEXT();
    k = NULL;
    v = sl__parse_bitor(p);
  } else {
    sl_ast_expr *first = parse_star_named(p);
    if (!AT(SL_TOK_COLON)) { /* a set */
      if (at_comp_for(p)) {
        if (first->kind == SL_EXPR_STARRED)
          fail_expr(p, first, "iterable unpacking cannot be used in comprehension%s", "", "");
        sl_ast_expr *e = parse_comprehension(p, SL_EXPR_SETCOMP, &t, first, NULL);
        EXPECT(SL_TOK_RBRACE);
        return e;
      }
      sl__vec_push(p, &values, &first, sizeof first);
      parse_more_elts(p, &values, SL_TOK_RBRACE);
      EXPECT(SL_TOK_RBRACE);
      return make_seq(p, SL_EXPR_SET, &t, &values);
    }
    if (first->kind == SL_EXPR_STARRED) sl__parse_invalid(p);
    NEXT();
    k = first;
    v = sl__parse_expression(p);
    if (at_comp_for(p)) {
      sl_ast_expr *e = parse_comprehension(p, SL_EXPR_DICTCOMP, &t, k, v);
      EXPECT(SL_TOK_RBRACE);
      return e;
    }
  }
  for (;;) {
    sl__vec_push(p, &keys, &k, sizeof k);
    sl__vec_push(p, &values, &v, sizeof v);
    if (!ACCEPT(SL_TOK_COMMA) || AT(SL_TOK_RBRACE)) break;
    if (ACCEPT(SL_TOK_DOUBLESTAR)) {
      k = NULL;
      v = sl__parse_bitor(p);
    } else {
      k = sl__parse_expression(p);
      EXPECT(SL_TOK_COLON);
      v = sl__parse_expression(p);
    }
  }
  EXPECT(SL_TOK_RBRACE);
dict:;
  sl_ast_expr *e = new_at(p, SL_EXPR_DICT, &t);
  e->u.dict.keys = keys.data;
  e->u.dict.values = values.data;
  e->u.dict.n = keys.n;
  return done(p, e);
}

static sl_ast_expr *make_const(sl_parser *p, const sl_token *t, sl_ast_const_kind k) {
  sl_ast_expr *e = new_at(p, SL_EXPR_CONST, t);
  e->u.constant.kind = k;
  return e;
}

static sl_ast_expr *parse_atom(sl_parser *p) {
  if (p->pending_atom) {
    sl_ast_expr *e = p->pending_atom;
    p->pending_atom = NULL;
    return e;
  }
  sl_token *t = CUR(p);
  sl_ast_expr *e;
  switch (t->kind) {
  case SL_TOK_NAME:
    e = new_at(p, SL_EXPR_NAME, t);
    e->u.name.id = sl__parse_ident(p, t);
    NEXT();
    return e;
  case SL_TOK_KW_NONE:
    e = make_const(p, t, SL_CONST_NONE);
    NEXT();
    return e;
  case SL_TOK_KW_TRUE:
    e = make_const(p, t, SL_CONST_TRUE);
    NEXT();
    return e;
  case SL_TOK_KW_FALSE:
    e = make_const(p, t, SL_CONST_FALSE);
    NEXT();
    return e;
  case SL_TOK_ELLIPSIS:
    e = make_const(p, t, SL_CONST_ELLIPSIS);
    NEXT();
    return e;
  case SL_TOK_INT:
    if (t->u.i.overflow || t->u.i.value > (uint64_t)INT64_MAX) {
      /* Beyond int64: the compiler converts the text, as CPython's
       * parser does (parsenumber). */
      e = make_const(p, t, SL_CONST_BIGINT);
      e->u.constant.u.s = sl__parse_ident(p, t);
    } else {
      e = make_const(p, t, SL_CONST_INT);
      e->u.constant.u.i = (int64_t)t->u.i.value;
    }
    NEXT();
    return e;
  case SL_TOK_FLOAT:
    e = make_const(p, t, SL_CONST_FLOAT);
    e->u.constant.u.f = t->u.f;
    NEXT();
    return e;
  case SL_TOK_STRING: return sl__parse_strings(p);
  case SL_TOK_LPAR: return parse_paren(p);
  case SL_TOK_LSQB: return parse_list(p);
  case SL_TOK_LBRACE: return parse_brace(p);
  default: break;
  }
  sl__parse_invalid(p);
}

/* ---- primary: attribute, call, subscript ------------------------------------- */

static void parse_call_args(sl_parser *p, sl_ast_expr *call) {
  sl_vec args = {0}, kws = {0};
  bool seen_kw = false, seen_kwunpack = false;
  while (!AT(SL_TOK_RPAR)) {
    sl_token t = *CUR(p);
    if (ACCEPT(SL_TOK_STAR)) {
      if (seen_kwunpack)
        sl__parse_syntax(p, &t, "iterable argument unpacking follows keyword argument unpacking");
      sl_ast_expr *s = new_at(p, SL_EXPR_STARRED, &t);
      s->u.starred.value = sl__parse_expression(p);
      done(p, s);
      sl__vec_push(p, &args, &s, sizeof s);
    } else if (ACCEPT(SL_TOK_DOUBLESTAR)) {
      sl_ast_keyword kw = {{NULL, 0}, NULL, t.line, t.col};
      kw.value = sl__parse_expression(p);
      seen_kwunpack = true;
      sl__vec_push(p, &kws, &kw, sizeof kw);
    } else if (t.kind == SL_TOK_NAME && PEEK(p, 1)->kind == SL_TOK_EQUAL) {
      sl_ast_keyword kw = {sl__parse_ident(p, &t), NULL, t.line, t.col};
      NEXT();
      NEXT();
      kw.value = sl__parse_expression(p);
      const sl_ast_keyword *prev = kws.data;
      for (size_t i = 0; i < kws.n; i++)
        if (prev[i].name.data && prev[i].name.len == kw.name.len &&
            memcmp(prev[i].name.data, kw.name.data, kw.name.len) == 0)
          sl__parse_syntax(p, &t, "keyword argument repeated: %s", kw.name.data);
      seen_kw = true;
      sl__vec_push(p, &kws, &kw, sizeof kw);
    } else {
      sl_ast_expr *a = sl__parse_named_expression(p);
      if (at_comp_for(p)) {
        a = parse_comprehension(p, SL_EXPR_GENEXP, &t, a, NULL);
        if (args.n || kws.n || !AT(SL_TOK_RPAR))
          sl__parse_syntax(p, &t, "Generator expression must be parenthesized");
      }
      if (AT(SL_TOK_EQUAL))
        sl__parse_syntax(p, &t, "expression cannot contain assignment, perhaps you meant \"==\"?");
      if (seen_kwunpack)
        sl__parse_syntax(p, &t, "positional argument follows keyword argument unpacking");
      if (seen_kw) sl__parse_syntax(p, &t, "positional argument follows keyword argument");
      sl__vec_push(p, &args, &a, sizeof a);
    }
    if (!ACCEPT(SL_TOK_COMMA)) break;
  }
  EXPECT(SL_TOK_RPAR);
  call->u.call.args = args.data;
  call->u.call.n_args = args.n;
  call->u.call.keywords = kws.data;
  call->u.call.n_keywords = kws.n;
}

static sl_ast_expr *parse_slice_item(sl_parser *p) {
  sl_token t = *CUR(p);
  sl_ast_expr *lower = NULL;
  if (!AT(SL_TOK_COLON)) {
    lower = sl__parse_named_expression(p);
    if (!AT(SL_TOK_COLON)) return lower;
  }
  NEXT();
  sl_ast_expr *s = new_at(p, SL_EXPR_SLICE, &t);
  s->u.slice.lower = lower;
  if (!AT(SL_TOK_COLON) && !AT(SL_TOK_RSQB) && !AT(SL_TOK_COMMA))
    s->u.slice.upper = sl__parse_expression(p);
  if (ACCEPT(SL_TOK_COLON) && !AT(SL_TOK_RSQB) && !AT(SL_TOK_COMMA))
    s->u.slice.step = sl__parse_expression(p);
  return done(p, s);
}

static sl_ast_expr *parse_slices(sl_parser *p) {
  sl_token t = *CUR(p);
  sl_ast_expr *first = parse_slice_item(p);
  if (!AT(SL_TOK_COMMA)) return first;
  sl_vec v = {0};
  sl__vec_push(p, &v, &first, sizeof first);
  while (ACCEPT(SL_TOK_COMMA) && !AT(SL_TOK_RSQB)) {
    sl_ast_expr *x = parse_slice_item(p);
    sl__vec_push(p, &v, &x, sizeof x);
  }
  return make_seq(p, SL_EXPR_TUPLE, &t, &v);
}

static sl_ast_expr *parse_primary(sl_parser *p) {
  sl_ast_expr *e = parse_atom(p);
  for (;;) {
    sl_ast_expr *n;
    if (ACCEPT(SL_TOK_DOT)) {
      if (!AT(SL_TOK_NAME)) sl__parse_invalid(p);
      n = sl__parse_new_expr(p, SL_EXPR_ATTRIBUTE, e->line, e->col);
      n->u.attribute.value = e;
      n->u.attribute.attr = sl__parse_ident(p, CUR(p));
      NEXT();
    } else if (ACCEPT(SL_TOK_LPAR)) {
      n = sl__parse_new_expr(p, SL_EXPR_CALL, e->line, e->col);
      n->u.call.func = e;
      parse_call_args(p, n);
    } else if (ACCEPT(SL_TOK_LSQB)) {
      n = sl__parse_new_expr(p, SL_EXPR_SUBSCRIPT, e->line, e->col);
      n->u.subscript.value = e;
      n->u.subscript.index = parse_slices(p);
      EXPECT(SL_TOK_RSQB);
    } else {
      return e;
    }
    e = done(p, n);
  }
}

/* ---- operators ---------------------------------------------------------------- */

static sl_ast_expr *parse_await_primary(sl_parser *p) {
  if (!p->pending_atom && AT(SL_TOK_KW_AWAIT)) {
    sl_token t = *CUR(p);
    if (!p->in_func) sl__parse_syntax(p, &t, "'await' outside function");
    if (!p->in_async) sl__parse_syntax(p, &t, "'await' outside async function");
    NEXT();
    sl_ast_expr *e = new_at(p, SL_EXPR_AWAIT, &t);
    e->u.await.value = parse_primary(p);
    return done(p, e);
  }
  return parse_primary(p);
}

static sl_ast_expr *parse_power(sl_parser *p) {
  sl_ast_expr *left = parse_await_primary(p);
  if (!AT(SL_TOK_DOUBLESTAR)) return left;
  sl__parse_enter(p, CUR(p));
  NEXT();
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_BINOP, left->line, left->col);
  e->u.binop.op = SL_BIN_POW;
  e->u.binop.left = left;
  e->u.binop.right = parse_factor(p);
  sl__parse_leave(p);
  return done(p, e);
}

static sl_ast_expr *parse_factor(sl_parser *p) {
  sl_token t = *CUR(p);
  if (p->pending_atom ||
      (t.kind != SL_TOK_PLUS && t.kind != SL_TOK_MINUS && t.kind != SL_TOK_TILDE))
    return parse_power(p);
  /* -9223372036854775808 is the one literal whose magnitude is not an
   * int64: fold it here, as CPython's constant folding would. */
  if (t.kind == SL_TOK_MINUS && PEEK(p, 1)->kind == SL_TOK_INT && !PEEK(p, 1)->u.i.overflow &&
      PEEK(p, 1)->u.i.value == (uint64_t)INT64_MAX + 1) {
    sl_tok_kind after = PEEK(p, 2)->kind;
    if (after != SL_TOK_DOUBLESTAR && after != SL_TOK_DOT && after != SL_TOK_LPAR &&
        after != SL_TOK_LSQB) {
      NEXT();
      NEXT();
      sl_ast_expr *e = make_const(p, &t, SL_CONST_INT);
      e->u.constant.u.i = INT64_MIN;
      return e;
    }
  }
  sl__parse_enter(p, &t);
  NEXT();
  sl_ast_expr *e = new_at(p, SL_EXPR_UNARYOP, &t);
  e->u.unaryop.op = t.kind == SL_TOK_PLUS    ? SL_UNARY_UADD
                    : t.kind == SL_TOK_MINUS ? SL_UNARY_USUB
                                             : SL_UNARY_INVERT;
  e->u.unaryop.operand = parse_factor(p);
  sl__parse_leave(p);
  return done(p, e);
}

static int binop_prec(sl_tok_kind k, sl_ast_binop *op) {
  switch (k) {
  case SL_TOK_VBAR: *op = SL_BIN_BITOR; return 1;
  case SL_TOK_CIRCUMFLEX: *op = SL_BIN_BITXOR; return 2;
  case SL_TOK_AMPER: *op = SL_BIN_BITAND; return 3;
  case SL_TOK_LSHIFT: *op = SL_BIN_LSHIFT; return 4;
  case SL_TOK_RSHIFT: *op = SL_BIN_RSHIFT; return 4;
  case SL_TOK_PLUS: *op = SL_BIN_ADD; return 5;
  case SL_TOK_MINUS: *op = SL_BIN_SUB; return 5;
  case SL_TOK_STAR: *op = SL_BIN_MULT; return 6;
  case SL_TOK_SLASH: *op = SL_BIN_DIV; return 6;
  case SL_TOK_DOUBLESLASH: *op = SL_BIN_FLOORDIV; return 6;
  case SL_TOK_PERCENT: *op = SL_BIN_MOD; return 6;
  case SL_TOK_AT: *op = SL_BIN_MULT; return 6; /* rejected when seen */
  default: return 0;
  }
}

/* Precedence climbing over the left-associative binary operators. */
static sl_ast_expr *parse_binary(sl_parser *p, int min_prec) {
  sl_ast_expr *left = parse_factor(p);
  for (;;) {
    sl_ast_binop op;
    int prec = binop_prec(CUR(p)->kind, &op);
    if (prec == 0 || prec < min_prec) return left;
    if (AT(SL_TOK_AT)) sl__parse_unsupported(p, CUR(p), "@");
    NEXT();
    sl_ast_expr *right = parse_binary(p, prec + 1);
    sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_BINOP, left->line, left->col);
    e->u.binop.op = op;
    e->u.binop.left = left;
    e->u.binop.right = right;
    left = done(p, e);
  }
}

sl_ast_expr *sl__parse_bitor(sl_parser *p) { return parse_binary(p, 1); }

static bool cmp_op(sl_parser *p, sl_ast_cmpop *op) {
  switch (CUR(p)->kind) {
  case SL_TOK_EQEQUAL: *op = SL_CMP_EQ; break;
  case SL_TOK_NOTEQUAL: *op = SL_CMP_NOTEQ; break;
  case SL_TOK_LESS: *op = SL_CMP_LT; break;
  case SL_TOK_LESSEQUAL: *op = SL_CMP_LTE; break;
  case SL_TOK_GREATER: *op = SL_CMP_GT; break;
  case SL_TOK_GREATEREQUAL: *op = SL_CMP_GTE; break;
  case SL_TOK_KW_IN: *op = SL_CMP_IN; break;
  case SL_TOK_KW_IS:
    if (PEEK(p, 1)->kind == SL_TOK_KW_NOT) {
      NEXT();
      *op = SL_CMP_ISNOT;
    } else {
      *op = SL_CMP_IS;
    }
    break;
  case SL_TOK_KW_NOT:
    if (PEEK(p, 1)->kind != SL_TOK_KW_IN) return false;
    NEXT();
    *op = SL_CMP_NOTIN;
    break;
  default: return false;
  }
  NEXT();
  return true;
}

static sl_ast_expr *parse_comparison(sl_parser *p) {
  sl_ast_expr *left = sl__parse_bitor(p);
  sl_vec ops = {0}, comps = {0};
  sl_ast_cmpop op;
  while (cmp_op(p, &op)) {
    sl_ast_expr *r = sl__parse_bitor(p);
    sl__vec_push(p, &ops, &op, sizeof op);
    sl__vec_push(p, &comps, &r, sizeof r);
  }
  if (ops.n == 0) return left;
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_COMPARE, left->line, left->col);
  e->u.compare.left = left;
  e->u.compare.ops = ops.data;
  e->u.compare.comparators = comps.data;
  e->u.compare.n = ops.n;
  return done(p, e);
}

static sl_ast_expr *parse_inversion(sl_parser *p) {
  if (p->pending_atom || !AT(SL_TOK_KW_NOT)) return parse_comparison(p);
  sl_token t = *CUR(p);
  sl__parse_enter(p, &t);
  NEXT();
  sl_ast_expr *e = new_at(p, SL_EXPR_UNARYOP, &t);
  e->u.unaryop.op = SL_UNARY_NOT;
  e->u.unaryop.operand = parse_inversion(p);
  sl__parse_leave(p);
  return done(p, e);
}

static sl_ast_expr *parse_boolop(sl_parser *p, sl_tok_kind kw) {
  sl_ast_expr *first = kw == SL_TOK_KW_OR ? parse_boolop(p, SL_TOK_KW_AND) : parse_inversion(p);
  if (!AT(kw)) return first;
  sl_vec v = {0};
  sl__vec_push(p, &v, &first, sizeof first);
  while (ACCEPT(kw)) {
    sl_ast_expr *x = kw == SL_TOK_KW_OR ? parse_boolop(p, SL_TOK_KW_AND) : parse_inversion(p);
    sl__vec_push(p, &v, &x, sizeof x);
  }
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_BOOLOP, first->line, first->col);
  e->u.boolop.op = kw == SL_TOK_KW_OR ? SL_BOOL_OR : SL_BOOL_AND;
  e->u.boolop.values = v.data;
  e->u.boolop.n = v.n;
  return done(p, e);
}

static sl_ast_expr *parse_disjunction(sl_parser *p) { return parse_boolop(p, SL_TOK_KW_OR); }

static sl_ast_expr *parse_lambda(sl_parser *p) {
  sl_token t = *CUR(p);
  NEXT();
  sl_ast_expr *e = new_at(p, SL_EXPR_LAMBDA, &t);
  e->u.lambda.params = sl__parse_params(p, true);
  EXPECT(SL_TOK_COLON);
  bool f = p->in_func, a = p->in_async, l = p->in_loop, x = p->in_except_star;
  p->in_func = true;
  p->in_async = p->in_loop = p->in_except_star = false;
  e->u.lambda.body = sl__parse_expression(p);
  p->in_func = f, p->in_async = a, p->in_loop = l, p->in_except_star = x;
  return done(p, e);
}

sl_ast_expr *sl__parse_expression(sl_parser *p) {
  sl__parse_enter(p, CUR(p));
  sl_ast_expr *e;
  if (!p->pending_atom && AT(SL_TOK_KW_LAMBDA)) {
    e = parse_lambda(p);
  } else {
    e = parse_disjunction(p);
    if (AT(SL_TOK_KW_IF)) {
      NEXT();
      sl_ast_expr *c = sl__parse_new_expr(p, SL_EXPR_IFEXP, e->line, e->col);
      c->u.ifexp.body = e;
      c->u.ifexp.test = parse_disjunction(p);
      if (!ACCEPT(SL_TOK_KW_ELSE))
        sl__parse_syntax(p, CUR(p), "expected 'else' after 'if' expression");
      c->u.ifexp.orelse = sl__parse_expression(p);
      e = done(p, c);
    }
  }
  sl__parse_leave(p);
  return e;
}

sl_ast_expr *sl__parse_named_expression(sl_parser *p) {
  if (!p->pending_atom && AT(SL_TOK_NAME) && PEEK(p, 1)->kind == SL_TOK_COLONEQUAL) {
    sl_token t = *CUR(p);
    sl_ast_expr *target = new_at(p, SL_EXPR_NAME, &t);
    target->u.name.id = sl__parse_ident(p, &t);
    target->u.name.ctx = SL_CTX_STORE;
    NEXT();
    NEXT();
    sl_ast_expr *e = new_at(p, SL_EXPR_NAMEDEXPR, &t);
    e->u.namedexpr.target = target;
    e->u.namedexpr.value = sl__parse_expression(p);
    return done(p, e);
  }
  sl_ast_expr *e = sl__parse_expression(p);
  if (AT(SL_TOK_COLONEQUAL))
    fail_expr(p, e, "cannot use assignment expressions with %s%s", sl__parse_expr_name(e), "");
  return e;
}

static sl_ast_expr *parse_star_expr(sl_parser *p) {
  if (AT(SL_TOK_STAR)) {
    sl_token t = *CUR(p);
    NEXT();
    sl_ast_expr *e = new_at(p, SL_EXPR_STARRED, &t);
    e->u.starred.value = sl__parse_bitor(p);
    return done(p, e);
  }
  return sl__parse_expression(p);
}

sl_ast_expr *sl__parse_star_expressions(sl_parser *p) {
  sl_ast_expr *first = parse_star_expr(p);
  if (!AT(SL_TOK_COMMA)) return first;
  sl_vec v = {0};
  sl__vec_push(p, &v, &first, sizeof first);
  while (ACCEPT(SL_TOK_COMMA) && sl__parse_starts_expr(CUR(p)->kind)) {
    sl_ast_expr *x = parse_star_expr(p);
    sl__vec_push(p, &v, &x, sizeof x);
  }
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_TUPLE, first->line, first->col);
  e->u.seq.elts = v.data;
  e->u.seq.n = v.n;
  return done(p, e);
}

sl_ast_expr *sl__parse_target_list(sl_parser *p) {
  sl_vec v = {0};
  bool comma = false;
  for (;;) {
    sl_ast_expr *x;
    if (AT(SL_TOK_STAR)) {
      sl_token t = *CUR(p);
      NEXT();
      x = new_at(p, SL_EXPR_STARRED, &t);
      x->u.starred.value = sl__parse_bitor(p);
      done(p, x);
    } else {
      x = sl__parse_bitor(p);
    }
    sl__vec_push(p, &v, &x, sizeof x);
    if (!AT(SL_TOK_COMMA)) break;
    NEXT();
    comma = true;
    if (!sl__parse_starts_expr(CUR(p)->kind)) break;
  }
  sl_ast_expr *first = ((sl_ast_expr **)v.data)[0];
  if (v.n == 1 && !comma) return first;
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_TUPLE, first->line, first->col);
  e->u.seq.elts = v.data;
  e->u.seq.n = v.n;
  return done(p, e);
}

sl_ast_expr *sl__parse_atom(sl_parser *p) { return parse_atom(p); }
