/* Statements. Mirrors the statement rules of CPython's Grammar/python.gram
 * (statements, simple_stmts, compound_stmt, block), plus the checks CPython
 * makes in its compiler that need only the nesting of the source: 'return'
 * outside a function, 'break' outside a loop, 'await' outside async. */
#include <string.h>

#include "core/lang/parser-int.h"

#define AT(k)     sl__parse_at(p, (k))
#define NEXT()    sl__parse_next(p)
#define ACCEPT(k) sl__parse_accept(p, (k))
#define EXPECT(k) sl__parse_expect(p, (k))

static void parse_statement(sl_parser *p, sl_vec *out);

static sl_ast_stmt *new_stmt(sl_parser *p, sl_ast_stmt_kind kind, const sl_token *t) {
  sl_ast_stmt *s = sl__parse_alloc(p, sizeof *s);
  s->kind = kind;
  s->line = t->line;
  s->col = t->col;
  return s;
}

static bool is_name(sl_parser *p, const sl_token *t, const char *word) {
  return t->kind == SL_TOK_NAME && t->len == strlen(word) &&
         memcmp(p->src + t->start, word, t->len) == 0;
}

static sl_ast_str parse_name(sl_parser *p) {
  if (!AT(SL_TOK_NAME)) sl__parse_invalid(p);
  sl_ast_str s = sl__parse_ident(p, CUR(p));
  NEXT();
  return s;
}

/* The suite after a ':'. `what` names the header for CPython's
 * "expected an indented block after 'if' statement on line 3". */
static sl_ast_block parse_block(sl_parser *p, const char *what, uint32_t line) {
  sl_vec v = {0};
  sl__parse_enter(p, CUR(p));
  if (ACCEPT(SL_TOK_NEWLINE)) {
    if (!AT(SL_TOK_INDENT))
      sl__parse_syntax(p, CUR(p), "expected an indented block after %s on line %u", what,
                       (unsigned)line);
    NEXT();
    while (!AT(SL_TOK_DEDENT) && !AT(SL_TOK_ENDMARKER)) parse_statement(p, &v);
    ACCEPT(SL_TOK_DEDENT);
  } else {
    /* On the header's line only simple statements may follow the ':'. */
    switch (CUR(p)->kind) {
    case SL_TOK_KW_IF:
    case SL_TOK_KW_WHILE:
    case SL_TOK_KW_FOR:
    case SL_TOK_KW_TRY:
    case SL_TOK_KW_WITH:
    case SL_TOK_KW_DEF:
    case SL_TOK_KW_CLASS:
    case SL_TOK_KW_ASYNC:
    case SL_TOK_AT: sl__parse_invalid(p);
    default: parse_statement(p, &v);
    }
  }
  sl__parse_leave(p);
  return (sl_ast_block){v.data, v.n};
}

/* ---- simple statements ------------------------------------------------------ */

static sl_ast_str parse_dotted(sl_parser *p) {
  const sl_token *t = CUR(p);
  if (t->kind != SL_TOK_NAME) sl__parse_invalid(p);
  /* Rebuilt from the identifiers, since the source may say `a . b`. */
  char buf[SL_DIAG_TEXT_MAX * 4];
  size_t n = 0;
  for (;;) {
    t = CUR(p);
    if (t->kind != SL_TOK_NAME) sl__parse_invalid(p);
    if (n + t->len + 1 >= sizeof buf)
      sl__parse_syntax(p, t, "module name too long (simloop limit: %zu characters)",
                       sizeof buf - 1);
    memcpy(buf + n, p->src + t->start, t->len);
    n += t->len;
    NEXT();
    if (!AT(SL_TOK_DOT)) break;
    NEXT();
    buf[n++] = '.';
  }
  return sl__parse_str(p, buf, n);
}

static sl_ast_alias parse_alias(sl_parser *p, bool dotted) {
  sl_ast_alias a = {{NULL, 0}, {NULL, 0}, CUR(p)->line, CUR(p)->col};
  a.name = dotted ? parse_dotted(p) : parse_name(p);
  if (ACCEPT(SL_TOK_KW_AS)) a.asname = parse_name(p);
  return a;
}

static sl_ast_stmt *parse_import(sl_parser *p, const sl_token *t) {
  sl_ast_stmt *s = new_stmt(p, SL_STMT_IMPORT, t);
  sl_vec v = {0};
  do {
    sl_ast_alias a = parse_alias(p, true);
    sl__vec_push(p, &v, &a, sizeof a);
  } while (ACCEPT(SL_TOK_COMMA));
  s->u.import.names = v.data;
  s->u.import.n = v.n;
  return s;
}

static sl_ast_stmt *parse_from(sl_parser *p, const sl_token *t) {
  sl_ast_stmt *s = new_stmt(p, SL_STMT_IMPORTFROM, t);
  int level = 0;
  for (;;) {
    if (ACCEPT(SL_TOK_DOT))
      level++;
    else if (ACCEPT(SL_TOK_ELLIPSIS))
      level += 3;
    else
      break;
  }
  if (level == 0 || AT(SL_TOK_NAME)) s->u.importfrom.module = parse_dotted(p);
  s->u.importfrom.level = level;
  EXPECT(SL_TOK_KW_IMPORT);
  sl_vec v = {0};
  if (AT(SL_TOK_STAR)) {
    sl_ast_alias a = {{NULL, 0}, {NULL, 0}, CUR(p)->line, CUR(p)->col};
    a.name = sl__parse_str(p, "*", 1);
    NEXT();
    sl__vec_push(p, &v, &a, sizeof a);
  } else {
    bool paren = ACCEPT(SL_TOK_LPAR);
    do {
      if (v.n && paren && AT(SL_TOK_RPAR)) break;
      if (v.n && !paren && AT(SL_TOK_NEWLINE))
        sl__parse_syntax(p, CUR(p), "trailing comma not allowed without surrounding parentheses");
      sl_ast_alias a = parse_alias(p, false);
      sl__vec_push(p, &v, &a, sizeof a);
    } while (ACCEPT(SL_TOK_COMMA));
    if (paren) EXPECT(SL_TOK_RPAR);
  }
  s->u.importfrom.names = v.data;
  s->u.importfrom.n = v.n;
  return s;
}

static sl_ast_stmt *parse_names_stmt(sl_parser *p, const sl_token *t, sl_ast_stmt_kind k) {
  sl_ast_stmt *s = new_stmt(p, k, t);
  sl_vec v = {0};
  do {
    sl_ast_str n = parse_name(p);
    sl__vec_push(p, &v, &n, sizeof n);
  } while (ACCEPT(SL_TOK_COMMA));
  s->u.names.names = v.data;
  s->u.names.n = v.n;
  return s;
}

static sl_ast_stmt *parse_del(sl_parser *p, const sl_token *t) {
  sl_ast_stmt *s = new_stmt(p, SL_STMT_DELETE, t);
  sl_vec v = {0};
  do {
    if (!sl__parse_starts_expr(CUR(p)->kind) && v.n) break;
    sl_ast_expr *e = sl__parse_bitor(p);
    sl__parse_set_ctx(p, e, SL_CTX_DEL, "");
    sl__vec_push(p, &v, &e, sizeof e);
  } while (ACCEPT(SL_TOK_COMMA));
  s->u.del.targets = v.data;
  s->u.del.n = v.n;
  return s;
}

static void no_bare_star(sl_parser *p, const sl_ast_expr *e) {
  if (e && e->kind == SL_EXPR_STARRED)
    sl__parse_fail_pos(p, e->line, e->col, sl__parse_line_offset(p, e->line),
                       "can't use starred expression here");
}

static bool augassign_op(sl_tok_kind k, sl_ast_binop *op) {
  switch (k) {
  case SL_TOK_PLUSEQUAL: *op = SL_BIN_ADD; return true;
  case SL_TOK_MINEQUAL: *op = SL_BIN_SUB; return true;
  case SL_TOK_STAREQUAL: *op = SL_BIN_MULT; return true;
  case SL_TOK_SLASHEQUAL: *op = SL_BIN_DIV; return true;
  case SL_TOK_DOUBLESLASHEQUAL: *op = SL_BIN_FLOORDIV; return true;
  case SL_TOK_PERCENTEQUAL: *op = SL_BIN_MOD; return true;
  case SL_TOK_DOUBLESTAREQUAL: *op = SL_BIN_POW; return true;
  case SL_TOK_LSHIFTEQUAL: *op = SL_BIN_LSHIFT; return true;
  case SL_TOK_RSHIFTEQUAL: *op = SL_BIN_RSHIFT; return true;
  case SL_TOK_VBAREQUAL: *op = SL_BIN_BITOR; return true;
  case SL_TOK_CIRCUMFLEXEQUAL: *op = SL_BIN_BITXOR; return true;
  case SL_TOK_AMPEREQUAL: *op = SL_BIN_BITAND; return true;
  case SL_TOK_ATEQUAL: *op = SL_BIN_MULT; return true; /* rejected by the caller */
  default: return false;
  }
}

static bool single_target(const sl_ast_expr *e) {
  return e->kind == SL_EXPR_NAME || e->kind == SL_EXPR_ATTRIBUTE || e->kind == SL_EXPR_SUBSCRIPT;
}

/* Expression statement, assignment, augmented or annotated assignment. */
static sl_ast_stmt *parse_expr_stmt(sl_parser *p, const sl_token *t) {
  sl_ast_expr *first = sl__parse_star_expressions_or_yield(p);
  sl_ast_binop op;
  if (AT(SL_TOK_COLON)) {
    if (!single_target(first))
      sl__parse_fail_pos(
          p, first->line, first->col, t->start,
          first->kind == SL_EXPR_TUPLE  ? "only single target (not tuple) can be annotated"
          : first->kind == SL_EXPR_LIST ? "only single target (not list) can be annotated"
                                        : "illegal target for annotation");
    NEXT();
    sl_ast_stmt *s = new_stmt(p, SL_STMT_ANNASSIGN, t);
    size_t ann_start = CUR(p)->start;
    sl_ast_expr *ann = sl__parse_expression(p); /* the annotation: parsed; its text is kept */
    s->u.annassign.annotation.data = p->src + ann_start;
    s->u.annassign.annotation.len = p->prev_end_off > ann_start ? p->prev_end_off - ann_start : 0;
    /* A string annotation ("Node") is that string. */
    if (ann && ann->kind == SL_EXPR_CONST && ann->u.constant.kind == SL_CONST_STR)
      s->u.annassign.annotation = ann->u.constant.u.s;
    sl__parse_set_ctx(p, first, SL_CTX_STORE, "");
    s->u.annassign.target = first;
    s->u.annassign.simple = first->kind == SL_EXPR_NAME && t->kind != SL_TOK_LPAR;
    if (ACCEPT(SL_TOK_EQUAL)) {
      s->u.annassign.value = sl__parse_star_expressions_or_yield(p);
      no_bare_star(p, s->u.annassign.value);
    }
    return s;
  }
  if (augassign_op(CUR(p)->kind, &op)) {
    if (AT(SL_TOK_ATEQUAL)) sl__parse_unsupported(p, CUR(p), "@");
    if (!single_target(first))
      sl__parse_fail_pos(p, first->line, first->col, t->start,
                         "'%s' is an illegal expression for augmented assignment",
                         sl__parse_expr_name(first));
    NEXT();
    sl_ast_stmt *s = new_stmt(p, SL_STMT_AUGASSIGN, t);
    sl__parse_set_ctx(p, first, SL_CTX_STORE, "");
    s->u.augassign.target = first;
    s->u.augassign.op = op;
    s->u.augassign.value = sl__parse_star_expressions_or_yield(p);
    no_bare_star(p, s->u.augassign.value);
    return s;
  }
  if (AT(SL_TOK_EQUAL)) {
    sl_ast_stmt *s = new_stmt(p, SL_STMT_ASSIGN, t);
    sl_vec targets = {0};
    sl_ast_expr *cur = first;
    while (ACCEPT(SL_TOK_EQUAL)) {
      sl__parse_set_ctx(p, cur, SL_CTX_STORE, " here. Maybe you meant '==' instead of '='?");
      sl__vec_push(p, &targets, &cur, sizeof cur);
      cur = sl__parse_star_expressions_or_yield(p);
    }
    no_bare_star(p, cur);
    s->u.assign.targets = targets.data;
    s->u.assign.n_targets = targets.n;
    s->u.assign.value = cur;
    return s;
  }
  no_bare_star(p, first);
  sl_ast_stmt *s = new_stmt(p, SL_STMT_EXPR, t);
  s->u.expr.value = first;
  return s;
}

static sl_ast_stmt *parse_simple(sl_parser *p) {
  sl_token t = *CUR(p);
  sl_ast_stmt *s;
  switch (t.kind) {
  case SL_TOK_KW_PASS: NEXT(); return new_stmt(p, SL_STMT_PASS, &t);
  case SL_TOK_KW_BREAK:
  case SL_TOK_KW_CONTINUE:
    if (!p->in_loop) {
      if (p->in_except_star)
        sl__parse_syntax(p, &t,
                         "'break', 'continue' and 'return' cannot appear in an "
                         "except* block");
      sl__parse_syntax(p, &t,
                       t.kind == SL_TOK_KW_BREAK ? "'break' outside loop"
                                                 : "'continue' not properly in loop");
    }
    NEXT();
    return new_stmt(p, t.kind == SL_TOK_KW_BREAK ? SL_STMT_BREAK : SL_STMT_CONTINUE, &t);
  case SL_TOK_KW_RETURN:
    if (!p->in_func) sl__parse_syntax(p, &t, "'return' outside function");
    if (p->in_except_star)
      sl__parse_syntax(p, &t,
                       "'break', 'continue' and 'return' cannot appear in an "
                       "except* block");
    NEXT();
    s = new_stmt(p, SL_STMT_RETURN, &t);
    if (sl__parse_starts_expr(CUR(p)->kind)) {
      s->u.ret.value = sl__parse_star_expressions(p);
      no_bare_star(p, s->u.ret.value);
    }
    return s;
  case SL_TOK_KW_RAISE:
    NEXT();
    s = new_stmt(p, SL_STMT_RAISE, &t);
    if (sl__parse_starts_expr(CUR(p)->kind)) {
      s->u.raise.exc = sl__parse_expression(p);
      if (ACCEPT(SL_TOK_KW_FROM)) s->u.raise.cause = sl__parse_expression(p);
    }
    return s;
  case SL_TOK_KW_GLOBAL: NEXT(); return parse_names_stmt(p, &t, SL_STMT_GLOBAL);
  case SL_TOK_KW_NONLOCAL:
    if (!p->in_func && !p->in_class_body)
      sl__parse_syntax(p, &t, "nonlocal declaration not allowed at module level");
    NEXT();
    return parse_names_stmt(p, &t, SL_STMT_NONLOCAL);
  case SL_TOK_KW_DEL: NEXT(); return parse_del(p, &t);
  case SL_TOK_KW_ASSERT:
    NEXT();
    s = new_stmt(p, SL_STMT_ASSERT, &t);
    s->u.assert_.test = sl__parse_expression(p);
    if (ACCEPT(SL_TOK_COMMA)) s->u.assert_.msg = sl__parse_expression(p);
    return s;
  case SL_TOK_KW_IMPORT: NEXT(); return parse_import(p, &t);
  case SL_TOK_KW_FROM: NEXT(); return parse_from(p, &t);
  default: return parse_expr_stmt(p, &t);
  }
}

static void parse_simple_stmts(sl_parser *p, sl_vec *out) {
  for (;;) {
    sl_ast_stmt *s = parse_simple(p);
    sl__vec_push(p, out, &s, sizeof s);
    if (!ACCEPT(SL_TOK_SEMI) || AT(SL_TOK_NEWLINE)) break;
  }
  if (!AT(SL_TOK_NEWLINE)) sl__parse_invalid(p);
  NEXT();
}

/* ---- compound statements ------------------------------------------------------ */

typedef struct saved_ctx {
  bool in_func, in_async, in_loop, in_except_star, in_class_body;
} saved_ctx;

static saved_ctx save_ctx(const sl_parser *p) {
  return (saved_ctx){p->in_func, p->in_async, p->in_loop, p->in_except_star, p->in_class_body};
}

static void restore_ctx(sl_parser *p, saved_ctx c) {
  p->in_func = c.in_func, p->in_async = c.in_async, p->in_loop = c.in_loop;
  p->in_except_star = c.in_except_star, p->in_class_body = c.in_class_body;
}

static sl_ast_stmt *parse_funcdef(sl_parser *p, const sl_token *start, bool is_async) {
  NEXT(); /* def */
  sl_ast_stmt *s = new_stmt(p, SL_STMT_FUNCTIONDEF, start);
  s->u.funcdef.name = parse_name(p);
  s->u.funcdef.is_async = is_async;
  if (AT(SL_TOK_LSQB)) sl__parse_unsupported(p, CUR(p), "type parameters");
  EXPECT(SL_TOK_LPAR);
  s->u.funcdef.params = sl__parse_params(p, false);
  EXPECT(SL_TOK_RPAR);
  if (ACCEPT(SL_TOK_ARROW)) sl__parse_expression(p); /* return annotation: dropped */
  EXPECT(SL_TOK_COLON);
  saved_ctx c = save_ctx(p);
  p->in_func = true;
  p->in_async = is_async;
  p->in_loop = p->in_except_star = p->in_class_body = false;
  s->u.funcdef.body = parse_block(p, "function definition", start->line);
  restore_ctx(p, c);
  return s;
}

/* One `name=value` of a class statement's keywords (metaclass=M, or a
 * keyword for the metaclass and __init_subclass__). */
static void parse_class_keyword(sl_parser *p, sl_vec *kws) {
  sl_token t = *CUR(p);
  sl_ast_keyword kw = {sl__parse_ident(p, &t), NULL, t.line, t.col};
  NEXT();
  NEXT();
  kw.value = sl__parse_expression(p);
  const sl_ast_keyword *prev = kws->data;
  for (size_t i = 0; i < kws->n; i++)
    if (prev[i].name.len == kw.name.len &&
        memcmp(prev[i].name.data, kw.name.data, kw.name.len) == 0)
      sl__parse_syntax(p, &t, "keyword argument repeated: %s", kw.name.data);
  sl__vec_push(p, kws, &kw, sizeof kw);
}

static sl_ast_stmt *parse_classdef(sl_parser *p, const sl_token *start) {
  NEXT();
  sl_ast_stmt *s = new_stmt(p, SL_STMT_CLASSDEF, start);
  s->u.classdef.name = parse_name(p);
  if (AT(SL_TOK_LSQB)) sl__parse_unsupported(p, CUR(p), "type parameters");
  sl_vec bases = {0}, kws = {0};
  if (ACCEPT(SL_TOK_LPAR)) {
    while (!AT(SL_TOK_RPAR)) {
      if (AT(SL_TOK_DOUBLESTAR)) sl__parse_unsupported(p, CUR(p), "class keyword");
      if (AT(SL_TOK_STAR)) sl__parse_unsupported(p, CUR(p), "starred base");
      if (AT(SL_TOK_NAME) && PEEK(p, 1)->kind == SL_TOK_EQUAL)
        parse_class_keyword(p, &kws);
      else if (kws.n)
        sl__parse_syntax(p, CUR(p), "positional argument follows keyword argument");
      else {
        sl_ast_expr *b = sl__parse_expression(p);
        sl__vec_push(p, &bases, &b, sizeof b);
      }
      if (!ACCEPT(SL_TOK_COMMA)) break;
    }
    EXPECT(SL_TOK_RPAR);
  }
  s->u.classdef.bases = bases.data;
  s->u.classdef.n_bases = bases.n;
  s->u.classdef.keywords = kws.data;
  s->u.classdef.n_keywords = kws.n;
  EXPECT(SL_TOK_COLON);
  saved_ctx c = save_ctx(p);
  p->in_func = p->in_async = p->in_loop = p->in_except_star = false;
  p->in_class_body = true;
  s->u.classdef.body = parse_block(p, "class definition", start->line);
  restore_ctx(p, c);
  return s;
}

static sl_ast_stmt *parse_if(sl_parser *p, const sl_token *start) {
  sl_ast_stmt *s = new_stmt(p, SL_STMT_IF, start);
  sl_vec tests = {0}, bodies = {0};
  const char *what = "'if' statement";
  for (;;) {
    uint32_t line = CUR(p)->line;
    NEXT(); /* if / elif */
    sl_ast_expr *test = sl__parse_named_expression(p);
    EXPECT(SL_TOK_COLON);
    sl_ast_block b = parse_block(p, what, line);
    sl__vec_push(p, &tests, &test, sizeof test);
    sl__vec_push(p, &bodies, &b, sizeof b);
    if (!AT(SL_TOK_KW_ELIF)) break;
    what = "'elif' statement";
  }
  if (AT(SL_TOK_KW_ELSE)) {
    uint32_t line = CUR(p)->line;
    NEXT();
    EXPECT(SL_TOK_COLON);
    s->u.if_.orelse = parse_block(p, "'else' statement", line);
  }
  s->u.if_.tests = tests.data;
  s->u.if_.bodies = bodies.data;
  s->u.if_.n_branches = tests.n;
  return s;
}

/* The `else:` of a loop: parsed outside the loop, so 'break' there belongs
 * to the enclosing loop, as in Python. */
static sl_ast_block parse_loop_else(sl_parser *p) {
  if (!AT(SL_TOK_KW_ELSE)) return (sl_ast_block){NULL, 0};
  uint32_t line = CUR(p)->line;
  NEXT();
  EXPECT(SL_TOK_COLON);
  return parse_block(p, "'else' statement", line);
}

static sl_ast_stmt *parse_while(sl_parser *p, const sl_token *start) {
  NEXT();
  sl_ast_stmt *s = new_stmt(p, SL_STMT_WHILE, start);
  s->u.while_.test = sl__parse_named_expression(p);
  EXPECT(SL_TOK_COLON);
  bool l = p->in_loop;
  p->in_loop = true;
  s->u.while_.body = parse_block(p, "'while' statement", start->line);
  p->in_loop = l;
  s->u.while_.orelse = parse_loop_else(p);
  return s;
}

static sl_ast_stmt *parse_for(sl_parser *p, const sl_token *start, bool is_async) {
  if (is_async && !p->in_async) sl__parse_syntax(p, start, "'async for' outside async function");
  NEXT(); /* for */
  sl_ast_stmt *s = new_stmt(p, SL_STMT_FOR, start);
  s->u.for_.is_async = is_async;
  s->u.for_.target = sl__parse_target_list(p);
  sl__parse_set_ctx(p, s->u.for_.target, SL_CTX_STORE, "");
  EXPECT(SL_TOK_KW_IN);
  s->u.for_.iter = sl__parse_star_expressions(p);
  no_bare_star(p, s->u.for_.iter);
  EXPECT(SL_TOK_COLON);
  bool l = p->in_loop;
  p->in_loop = true;
  s->u.for_.body = parse_block(p, "'for' statement", start->line);
  p->in_loop = l;
  s->u.for_.orelse = parse_loop_else(p);
  return s;
}

static sl_ast_withitem parse_with_item(sl_parser *p) {
  sl_ast_withitem w = {sl__parse_expression(p), NULL};
  if (ACCEPT(SL_TOK_KW_AS)) {
    w.optional_vars = sl__parse_bitor(p);
    sl__parse_set_ctx(p, w.optional_vars, SL_CTX_STORE, "");
  }
  return w;
}

static sl_ast_stmt *parse_with(sl_parser *p, const sl_token *start, bool is_async) {
  if (is_async && !p->in_async) sl__parse_syntax(p, start, "'async with' outside async function");
  NEXT(); /* with */
  sl_ast_stmt *s = new_stmt(p, SL_STMT_WITH, start);
  s->u.with.is_async = is_async;
  sl_vec items = {0};
  bool done = false;
  /* `with (yield x) as v:` is an expression item: a parenthesised yield
   * is a group, never the start of parenthesised items. */
  if (AT(SL_TOK_LPAR) && PEEK(p, 1)->kind != SL_TOK_KW_YIELD) {
    /* `with (a as b, c):` (parenthesised items) or `with (a, b).c as d:`
     * (an expression starting with a parenthesis): parse the parenthesis
     * as items, then decide by what follows. */
    sl_token lp = *CUR(p);
    NEXT();
    bool any_as = false, trailing = false;
    while (!AT(SL_TOK_RPAR)) {
      sl_ast_withitem w = parse_with_item(p);
      any_as |= w.optional_vars != NULL;
      sl__vec_push(p, &items, &w, sizeof w);
      trailing = false;
      if (!ACCEPT(SL_TOK_COMMA)) break;
      trailing = true;
    }
    EXPECT(SL_TOK_RPAR);
    if (AT(SL_TOK_COLON) && items.n) {
      done = true;
    } else {
      if (any_as) sl__parse_invalid(p);
      sl_ast_withitem *iv = items.data;
      sl_ast_expr *atom;
      if (items.n == 1 && !trailing) {
        atom = iv[0].context_expr;
      } else {
        sl_vec elts = {0};
        for (size_t i = 0; i < items.n; i++)
          sl__vec_push(p, &elts, &iv[i].context_expr, sizeof iv[i].context_expr);
        atom = sl__parse_new_expr(p, SL_EXPR_TUPLE, lp.line, lp.col);
        atom->u.seq.elts = elts.data;
        atom->u.seq.n = elts.n;
        sl__parse_finish_expr(p, atom);
      }
      items = (sl_vec){0};
      p->pending_atom = atom;
    }
  }
  if (!done) {
    do {
      sl_ast_withitem w = parse_with_item(p);
      sl__vec_push(p, &items, &w, sizeof w);
    } while (ACCEPT(SL_TOK_COMMA));
  }
  EXPECT(SL_TOK_COLON);
  s->u.with.items = items.data;
  s->u.with.n_items = items.n;
  s->u.with.body = parse_block(p, "'with' statement", start->line);
  return s;
}

static sl_ast_stmt *parse_try(sl_parser *p, const sl_token *start) {
  NEXT();
  sl_ast_stmt *s = new_stmt(p, SL_STMT_TRY, start);
  EXPECT(SL_TOK_COLON);
  s->u.try_.body = parse_block(p, "'try' statement", start->line);
  sl_vec handlers = {0};
  int star = -1;
  bool bare_seen = false;
  while (AT(SL_TOK_KW_EXCEPT)) {
    sl_token et = *CUR(p);
    NEXT();
    bool is_star = ACCEPT(SL_TOK_STAR);
    if (star >= 0 && star != is_star)
      sl__parse_syntax(p, &et, "cannot have both 'except' and 'except*' on the same 'try'");
    star = is_star;
    if (bare_seen) sl__parse_syntax(p, &et, "default 'except:' must be last");
    sl_ast_handler h = {NULL, {NULL, 0}, {NULL, 0}, et.line, et.col};
    if (AT(SL_TOK_COLON)) {
      if (is_star) sl__parse_syntax(p, CUR(p), "expected one or more exception types");
      bare_seen = true;
    } else {
      h.type = sl__parse_expression(p);
      if (AT(SL_TOK_COMMA))
        sl__parse_syntax(p, CUR(p), "multiple exception types must be parenthesized");
      if (ACCEPT(SL_TOK_KW_AS)) h.name = parse_name(p);
    }
    EXPECT(SL_TOK_COLON);
    if (is_star) {
      bool l = p->in_loop, x = p->in_except_star;
      p->in_loop = false;
      p->in_except_star = true;
      h.body = parse_block(p, "'except*' statement", et.line);
      p->in_loop = l;
      p->in_except_star = x;
    } else {
      h.body = parse_block(p, "'except' statement", et.line);
    }
    sl__vec_push(p, &handlers, &h, sizeof h);
  }
  s->u.try_.handlers = handlers.data;
  s->u.try_.n_handlers = handlers.n;
  s->u.try_.is_star = star == 1;
  if (handlers.n && AT(SL_TOK_KW_ELSE)) {
    uint32_t line = CUR(p)->line;
    NEXT();
    EXPECT(SL_TOK_COLON);
    s->u.try_.orelse = parse_block(p, "'else' statement", line);
  }
  if (AT(SL_TOK_KW_FINALLY)) {
    uint32_t line = CUR(p)->line;
    NEXT();
    EXPECT(SL_TOK_COLON);
    s->u.try_.finalbody = parse_block(p, "'finally' statement", line);
  } else if (!handlers.n) {
    sl__parse_syntax(p, CUR(p), "expected 'except' or 'finally' block");
  }
  return s;
}

/* ---- dispatch -------------------------------------------------------------------- */
/* `@expr NEWLINE` lines, then the def / async def / class they decorate
 * (Grammar: decorators: ('@' named_expression NEWLINE)+). */
static sl_ast_stmt *parse_decorated(sl_parser *p) {
  sl_vec decos = {0};
  while (AT(SL_TOK_AT)) {
    NEXT();
    sl_ast_expr *d = sl__parse_named_expression(p);
    sl__vec_push(p, &decos, &d, sizeof d);
    EXPECT(SL_TOK_NEWLINE);
  }
  sl_token t = *CUR(p);
  sl_ast_stmt *s;
  if (t.kind == SL_TOK_KW_DEF) {
    s = parse_funcdef(p, &t, false);
  } else if (t.kind == SL_TOK_KW_CLASS) {
    s = parse_classdef(p, &t);
  } else if (t.kind == SL_TOK_KW_ASYNC && PEEK(p, 1)->kind == SL_TOK_KW_DEF) {
    NEXT();
    s = parse_funcdef(p, &t, true);
  } else {
    sl__parse_invalid(p);
  }
  if (s->kind == SL_STMT_CLASSDEF) {
    s->u.classdef.decorators = decos.data;
    s->u.classdef.n_decorators = decos.n;
  } else {
    s->u.funcdef.decorators = decos.data;
    s->u.funcdef.n_decorators = decos.n;
  }
  return s;
}

static void parse_statement(sl_parser *p, sl_vec *out) {
  sl_token t = *CUR(p);
  sl_ast_stmt *s = NULL;
  switch (t.kind) {
  case SL_TOK_INDENT: sl__parse_syntax(p, &t, "unexpected indent");
  case SL_TOK_AT: s = parse_decorated(p); break;
  case SL_TOK_KW_DEF: s = parse_funcdef(p, &t, false); break;
  case SL_TOK_KW_CLASS: s = parse_classdef(p, &t); break;
  case SL_TOK_KW_IF: s = parse_if(p, &t); break;
  case SL_TOK_KW_WHILE: s = parse_while(p, &t); break;
  case SL_TOK_KW_FOR: s = parse_for(p, &t, false); break;
  case SL_TOK_KW_TRY: s = parse_try(p, &t); break;
  case SL_TOK_KW_WITH: s = parse_with(p, &t, false); break;
  case SL_TOK_KW_ASYNC:
    NEXT();
    switch (CUR(p)->kind) {
    case SL_TOK_KW_DEF: s = parse_funcdef(p, &t, true); break;
    case SL_TOK_KW_FOR: s = parse_for(p, &t, true); break;
    case SL_TOK_KW_WITH: s = parse_with(p, &t, true); break;
    default: sl__parse_invalid(p);
    }
    break;
  case SL_TOK_NAME: {
    sl_tok_kind k1 = PEEK(p, 1)->kind;
    if (is_name(p, &t, "match") &&
        (k1 == SL_TOK_NAME || k1 == SL_TOK_INT || k1 == SL_TOK_FLOAT || k1 == SL_TOK_STRING ||
         k1 == SL_TOK_LBRACE || k1 == SL_TOK_KW_NONE || k1 == SL_TOK_KW_TRUE ||
         k1 == SL_TOK_KW_FALSE || k1 == SL_TOK_KW_NOT || k1 == SL_TOK_KW_LAMBDA ||
         k1 == SL_TOK_TILDE || k1 == SL_TOK_KW_AWAIT)) {
      /* `match x` cannot start an expression: a match statement. */
      NEXT();
      s = sl__parse_match_rest(p, &t, sl__parse_star_expressions(p), parse_block);
      break;
    }
    if (is_name(p, &t, "match") && (k1 == SL_TOK_LPAR || k1 == SL_TOK_LSQB || k1 == SL_TOK_MINUS)) {
      /* `match(x)` / `match[x]` / `match -x`: a call, subscript or
       * subtraction unless a ':' follows (the soft keyword). */
      sl_ast_expr *first = sl__parse_star_expressions(p);
      if (AT(SL_TOK_COLON)) {
        sl_ast_expr *subject = sl__parse_match_subject_of(p, first);
        if (!subject) sl__parse_invalid(p);
        s = sl__parse_match_rest(p, &t, subject, parse_block);
        break;
      }
      p->pending_atom = first;
    }
    if (is_name(p, &t, "type") && k1 == SL_TOK_NAME &&
        (PEEK(p, 2)->kind == SL_TOK_EQUAL || PEEK(p, 2)->kind == SL_TOK_LSQB))
      sl__parse_unsupported(p, &t, "type alias");
    break;
  }
  default: break;
  }
  if (s) {
    sl__vec_push(p, out, &s, sizeof s);
    return;
  }
  parse_simple_stmts(p, out);
}

void sl__parse_top_statement(sl_parser *p, sl_vec *out) { parse_statement(p, out); }

sl_ast_block sl__parse_file(sl_parser *p) {
  sl_vec v = {0};
  while (!AT(SL_TOK_ENDMARKER)) parse_statement(p, &v);
  return (sl_ast_block){v.data, v.n};
}
