/* The match statement (PEP 634): `match` is a soft keyword, and the
 * patterns have a grammar of their own (Grammar/python.gram: patterns,
 * or_pattern, closed_pattern, ...). Only the parse; compile_match.c
 * compiles it. */
#include <string.h>

#include "core/lang/parser-int.h"

#define AT(k)     sl__parse_at(p, (k))
#define NEXT()    sl__parse_next(p)
#define ACCEPT(k) sl__parse_accept(p, (k))
#define EXPECT(k) sl__parse_expect(p, (k))

static sl_ast_pattern *parse_pattern(sl_parser *p);

static sl_ast_pattern *new_pat(sl_parser *p, sl_ast_pattern_kind kind, const sl_token *t) {
  sl_ast_pattern *pt = sl__parse_alloc(p, sizeof *pt);
  pt->kind = kind;
  pt->line = t->line;
  pt->col = t->col;
  return pt;
}

static bool at_name(sl_parser *p, unsigned k, const char *word) {
  const sl_token *t = PEEK(p, k);
  return t->kind == SL_TOK_NAME && sl__parse_ident(p, t).len == strlen(word) &&
         !strcmp(sl__parse_ident(p, t).data, word);
}

/* A literal: a signed number, strings, None/True/False. */
static sl_ast_pattern *parse_literal(sl_parser *p) {
  sl_token t = *CUR(p);
  if (t.kind == SL_TOK_KW_NONE || t.kind == SL_TOK_KW_TRUE || t.kind == SL_TOK_KW_FALSE) {
    sl_ast_pattern *pt = new_pat(p, SL_PAT_SINGLETON, &t);
    pt->value = sl__parse_atom(p);
    return pt;
  }
  sl_ast_pattern *pt = new_pat(p, SL_PAT_VALUE, &t);
  bool neg = ACCEPT(SL_TOK_MINUS);
  if (neg && !AT(SL_TOK_INT) && !AT(SL_TOK_FLOAT)) sl__parse_invalid(p);
  sl_ast_expr *e = sl__parse_atom(p);
  if (neg) {
    if (e->u.constant.kind == SL_CONST_INT)
      e->u.constant.u.i = -e->u.constant.u.i;
    else
      e->u.constant.u.f = -e->u.constant.u.f;
    e->line = t.line;
    e->col = t.col;
  }
  if (e->kind == SL_EXPR_FSTRING)
    sl__parse_syntax(p, &t, "patterns may only match literals and attribute lookups");
  pt->value = e;
  return pt;
}

/* NAME ('.' NAME)*: a Name or Attribute expression. */
static sl_ast_expr *parse_name_or_attr(sl_parser *p) {
  const sl_token *t = CUR(p);
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_NAME, t->line, t->col);
  e->u.name.id = sl__parse_ident(p, t);
  e->u.name.ctx = SL_CTX_LOAD;
  sl__parse_finish_expr(p, e);
  NEXT();
  while (ACCEPT(SL_TOK_DOT)) {
    if (!AT(SL_TOK_NAME)) sl__parse_invalid(p);
    sl_ast_expr *a = sl__parse_new_expr(p, SL_EXPR_ATTRIBUTE, e->line, e->col);
    a->u.attribute.value = e;
    a->u.attribute.attr = sl__parse_ident(p, CUR(p));
    a->u.attribute.ctx = SL_CTX_LOAD;
    sl__parse_finish_expr(p, a);
    NEXT();
    e = a;
  }
  return e;
}

/* Patterns separated by commas up to `close`; a star pattern allowed when
 * `star`. Returns the count; sets *trailing for a final comma. */
static size_t parse_pattern_list(sl_parser *p, sl_tok_kind close, sl_vec *out, bool *trailing) {
  *trailing = false;
  while (!AT(close)) {
    sl_ast_pattern *pt;
    if (AT(SL_TOK_STAR)) {
      sl_token st = *CUR(p);
      NEXT();
      if (!AT(SL_TOK_NAME)) sl__parse_invalid(p);
      pt = new_pat(p, SL_PAT_STAR, &st);
      sl_ast_str n = sl__parse_ident(p, CUR(p));
      if (strcmp(n.data, "_")) pt->name = n;
      NEXT();
    } else {
      pt = parse_pattern(p);
    }
    sl__vec_push(p, out, &pt, sizeof pt);
    *trailing = false;
    if (!ACCEPT(SL_TOK_COMMA)) break;
    *trailing = true;
  }
  return out->n;
}

static sl_ast_pattern *seq_pattern(sl_parser *p, const sl_token *t, sl_vec *v) {
  sl_ast_pattern *pt = new_pat(p, SL_PAT_SEQUENCE, t);
  pt->pats = v->data;
  pt->n = v->n;
  size_t stars = 0;
  for (size_t i = 0; i < pt->n; i++) stars += pt->pats[i]->kind == SL_PAT_STAR;
  if (stars > 1) sl__parse_syntax(p, t, "multiple starred names in sequence pattern");
  return pt;
}

static sl_ast_pattern *parse_mapping(sl_parser *p, const sl_token *t) {
  sl_ast_pattern *pt = new_pat(p, SL_PAT_MAPPING, t);
  sl_vec keys = {0}, pats = {0};
  while (!AT(SL_TOK_RBRACE)) {
    if (ACCEPT(SL_TOK_DOUBLESTAR)) {
      if (!AT(SL_TOK_NAME)) sl__parse_invalid(p);
      pt->name = sl__parse_ident(p, CUR(p));
      NEXT();
      ACCEPT(SL_TOK_COMMA);
      break;
    }
    sl_ast_expr *k;
    if (AT(SL_TOK_NAME)) {
      k = parse_name_or_attr(p);
      if (k->kind == SL_EXPR_NAME) sl__parse_invalid(p); /* keys are literals or values */
    } else {
      k = parse_literal(p)->value;
    }
    EXPECT(SL_TOK_COLON);
    sl_ast_pattern *v = parse_pattern(p);
    sl__vec_push(p, &keys, &k, sizeof k);
    sl__vec_push(p, &pats, &v, sizeof v);
    if (!ACCEPT(SL_TOK_COMMA)) break;
  }
  EXPECT(SL_TOK_RBRACE);
  pt->keys = keys.data;
  pt->pats = pats.data;
  pt->n = pats.n;
  return pt;
}

static sl_ast_pattern *parse_class(sl_parser *p, const sl_token *t, sl_ast_expr *cls) {
  sl_ast_pattern *pt = new_pat(p, SL_PAT_CLASS, t);
  pt->value = cls;
  sl_vec pos = {0}, names = {0}, kpats = {0};
  NEXT(); /* ( */
  while (!AT(SL_TOK_RPAR)) {
    if (AT(SL_TOK_NAME) && PEEK(p, 1)->kind == SL_TOK_EQUAL) {
      sl_ast_str n = sl__parse_ident(p, CUR(p));
      NEXT();
      NEXT();
      sl_ast_pattern *v = parse_pattern(p);
      sl__vec_push(p, &names, &n, sizeof n);
      sl__vec_push(p, &kpats, &v, sizeof v);
    } else {
      if (names.n) sl__parse_syntax(p, CUR(p), "positional patterns follow keyword patterns");
      sl_ast_pattern *v = parse_pattern(p);
      sl__vec_push(p, &pos, &v, sizeof v);
    }
    if (!ACCEPT(SL_TOK_COMMA)) break;
  }
  EXPECT(SL_TOK_RPAR);
  pt->pats = pos.data;
  pt->n = pos.n;
  pt->kwd_names = names.data;
  pt->kwd_pats = kpats.data;
  pt->n_kwd = names.n;
  return pt;
}

static sl_ast_pattern *parse_closed(sl_parser *p) {
  sl_token t = *CUR(p);
  sl__parse_enter(p, &t);
  sl_ast_pattern *pt;
  bool trailing;
  switch (t.kind) {
  case SL_TOK_NAME: {
    if (PEEK(p, 1)->kind != SL_TOK_DOT && PEEK(p, 1)->kind != SL_TOK_LPAR) {
      pt = new_pat(p, SL_PAT_AS, &t);
      sl_ast_str n = sl__parse_ident(p, &t);
      if (strcmp(n.data, "_")) pt->name = n;
      NEXT();
      break;
    }
    sl_ast_expr *e = parse_name_or_attr(p);
    if (AT(SL_TOK_LPAR)) {
      pt = parse_class(p, &t, e);
    } else {
      pt = new_pat(p, SL_PAT_VALUE, &t);
      pt->value = e;
    }
    break;
  }
  case SL_TOK_LSQB: {
    NEXT();
    sl_vec v = {0};
    parse_pattern_list(p, SL_TOK_RSQB, &v, &trailing);
    EXPECT(SL_TOK_RSQB);
    pt = seq_pattern(p, &t, &v);
    break;
  }
  case SL_TOK_LPAR: {
    NEXT();
    sl_vec v = {0};
    parse_pattern_list(p, SL_TOK_RPAR, &v, &trailing);
    EXPECT(SL_TOK_RPAR);
    /* (p) is a group; (p,) and () are sequences. */
    if (v.n == 1 && !trailing && ((sl_ast_pattern **)v.data)[0]->kind != SL_PAT_STAR)
      pt = ((sl_ast_pattern **)v.data)[0];
    else
      pt = seq_pattern(p, &t, &v);
    break;
  }
  case SL_TOK_LBRACE:
    NEXT();
    pt = parse_mapping(p, &t);
    break;
  case SL_TOK_INT:
  case SL_TOK_FLOAT:
  case SL_TOK_STRING:
  case SL_TOK_MINUS:
  case SL_TOK_KW_NONE:
  case SL_TOK_KW_TRUE:
  case SL_TOK_KW_FALSE: pt = parse_literal(p); break;
  default: sl__parse_invalid(p);
  }
  sl__parse_leave(p);
  return pt;
}

/* or_pattern ['as' NAME] */
static sl_ast_pattern *parse_pattern(sl_parser *p) {
  sl_token t = *CUR(p);
  sl_ast_pattern *first = parse_closed(p);
  if (AT(SL_TOK_VBAR)) {
    sl_vec v = {0};
    sl__vec_push(p, &v, &first, sizeof first);
    while (ACCEPT(SL_TOK_VBAR)) {
      sl_ast_pattern *alt = parse_closed(p);
      sl__vec_push(p, &v, &alt, sizeof alt);
    }
    first = new_pat(p, SL_PAT_OR, &t);
    first->pats = v.data;
    first->n = v.n;
  }
  if (ACCEPT(SL_TOK_KW_AS)) {
    if (!AT(SL_TOK_NAME)) sl__parse_invalid(p);
    sl_ast_pattern *as = new_pat(p, SL_PAT_AS, &t);
    as->pattern = first;
    as->name = sl__parse_ident(p, CUR(p));
    if (!strcmp(as->name.data, "_")) sl__parse_syntax(p, CUR(p), "cannot use '_' as a target");
    NEXT();
    return as;
  }
  return first;
}

/* patterns: an open sequence (`case a, *b:`) or one pattern. */
static sl_ast_pattern *parse_patterns(sl_parser *p) {
  sl_token t = *CUR(p);
  if (!AT(SL_TOK_STAR)) {
    sl_ast_pattern *pt = parse_pattern(p);
    if (!AT(SL_TOK_COMMA)) return pt;
    sl_vec v = {0};
    sl__vec_push(p, &v, &pt, sizeof pt);
    NEXT();
    bool trailing;
    parse_pattern_list(p, SL_TOK_COLON, &v, &trailing);
    return seq_pattern(p, &t, &v);
  }
  sl_vec v = {0};
  bool trailing;
  parse_pattern_list(p, SL_TOK_COLON, &v, &trailing);
  return seq_pattern(p, &t, &v);
}

sl_ast_expr *sl__parse_match_subject_of(sl_parser *p, sl_ast_expr *first) {
  switch (first->kind) {
  case SL_EXPR_CALL: {
    if (first->u.call.n_keywords) return NULL;
    if (first->u.call.n_args == 1 && first->u.call.args[0]->kind != SL_EXPR_STARRED)
      return first->u.call.args[0];
    sl_ast_expr *t = sl__parse_new_expr(p, SL_EXPR_TUPLE, first->line, first->col + 6);
    t->u.seq.elts = first->u.call.args;
    t->u.seq.n = first->u.call.n_args;
    sl__parse_finish_expr(p, t);
    return t;
  }
  case SL_EXPR_SUBSCRIPT: {
    sl_ast_expr *ix = first->u.subscript.index;
    sl_ast_expr *l = sl__parse_new_expr(p, SL_EXPR_LIST, first->line, first->col + 6);
    if (ix->kind == SL_EXPR_TUPLE) {
      l->u.seq.elts = ix->u.seq.elts;
      l->u.seq.n = ix->u.seq.n;
    } else {
      l->u.seq.elts = sl__parse_alloc(p, sizeof *l->u.seq.elts);
      l->u.seq.elts[0] = ix;
      l->u.seq.n = 1;
    }
    sl__parse_finish_expr(p, l);
    return l;
  }
  case SL_EXPR_BINOP:
    if (first->u.binop.op != SL_BIN_SUB) return NULL;
    {
      sl_ast_expr *u = sl__parse_new_expr(p, SL_EXPR_UNARYOP, first->line, first->col + 6);
      u->u.unaryop.op = SL_UNARY_USUB;
      u->u.unaryop.operand = first->u.binop.right;
      sl__parse_finish_expr(p, u);
      return u;
    }
  default: return NULL;
  }
}

sl_ast_stmt *sl__parse_match_rest(sl_parser *p, const sl_token *start, sl_ast_expr *subject,
                                  sl__block_fn block) {
  sl_ast_stmt *s = sl__parse_alloc(p, sizeof *s);
  s->kind = SL_STMT_MATCH;
  s->line = start->line;
  s->col = start->col;
  s->u.match.subject = subject;
  EXPECT(SL_TOK_COLON);
  EXPECT(SL_TOK_NEWLINE);
  if (!AT(SL_TOK_INDENT))
    sl__parse_syntax(p, CUR(p), "expected an indented block after 'match' statement on line %u",
                     (unsigned)start->line);
  NEXT();
  sl_vec cases = {0};
  while (at_name(p, 0, "case")) {
    uint32_t line = CUR(p)->line;
    NEXT();
    sl_ast_match_case mc = {0};
    mc.pattern = parse_patterns(p);
    if (ACCEPT(SL_TOK_KW_IF)) mc.guard = sl__parse_named_expression(p);
    EXPECT(SL_TOK_COLON);
    mc.body = block(p, "'case' statement", line);
    sl__vec_push(p, &cases, &mc, sizeof mc);
  }
  if (!cases.n) sl__parse_syntax(p, CUR(p), "expected 'case' block");
  if (!AT(SL_TOK_DEDENT) && !AT(SL_TOK_ENDMARKER)) sl__parse_invalid(p);
  ACCEPT(SL_TOK_DEDENT);
  s->u.match.cases = cases.data;
  s->u.match.n_cases = cases.n;
  return s;
}
