/* An S-expression rendering of the AST, for tests and debugging (see
 * sl_ast_dump in ast.h). Stable on purpose: tests compare it verbatim.
 *
 * Shapes: names print bare (`x`, or `x:store` / `x:del`), operators as
 * their Python spelling `(+ a (* b c))`, comparisons `(cmp a < b <= c)`,
 * strings and bytes with escapes "..." / b"...", a missing optional part
 * as `_`. Each top-level statement is one line. */
#include <stdio.h>
#include <string.h>

#include "core/lang/ast.h"

static const char *const binop_names[] = {"+",  "-",  "*",  "/", "//", "%",
                                          "**", "<<", ">>", "|", "^",  "&"};
static const char *const cmpop_names[] = {"==", "!=", "<",      "<=", ">",
                                          ">=", "is", "is not", "in", "not in"};

const char *sl_ast_binop_name(sl_ast_binop op) {
  return (unsigned)op < sizeof binop_names / sizeof *binop_names ? binop_names[op] : "?";
}

const char *sl_ast_cmpop_name(sl_ast_cmpop op) {
  return (unsigned)op < sizeof cmpop_names / sizeof *cmpop_names ? cmpop_names[op] : "?";
}

static const char *ctx_suffix(sl_ast_ctx c) {
  return c == SL_CTX_STORE ? ":store" : c == SL_CTX_DEL ? ":del" : "";
}

static void put_str(sl_strbuf *o, const char *prefix, sl_ast_str s) {
  sl_strbuf_printf(o, "%s\"", prefix);
  for (size_t i = 0; i < s.len; i++) {
    unsigned char c = (unsigned char)s.data[i];
    if (c == '"' || c == '\\')
      sl_strbuf_printf(o, "\\%c", c);
    else if (c == '\n')
      sl_strbuf_puts(o, "\\n");
    else if (c == '\t')
      sl_strbuf_puts(o, "\\t");
    else if (c < 0x20 || c == 0x7F || (*prefix && c >= 0x80))
      sl_strbuf_printf(o, "\\x%02x", c);
    else
      sl_strbuf_putc(o, (char)c);
  }
  sl_strbuf_putc(o, '"');
}

static void expr(const sl_ast_expr *e, sl_strbuf *o);

static void opt(const sl_ast_expr *e, sl_strbuf *o) {
  if (e)
    expr(e, o);
  else
    sl_strbuf_putc(o, '_');
}

static void exprs(sl_ast_expr *const *v, size_t n, sl_strbuf *o) {
  for (size_t i = 0; i < n; i++) {
    sl_strbuf_putc(o, ' ');
    expr(v[i], o);
  }
}

static void params(const sl_ast_params *a, sl_strbuf *o) {
  sl_strbuf_puts(o, "(params");
  size_t first_default = a->n_params - a->n_defaults;
  for (size_t i = 0; i < a->n_params; i++) {
    if (i >= first_default) {
      sl_strbuf_printf(o, " (= %s ", a->params[i].name.data);
      expr(a->defaults[i - first_default], o);
      sl_strbuf_putc(o, ')');
    } else {
      sl_strbuf_printf(o, " %s", a->params[i].name.data);
    }
    if (a->n_posonly && i + 1 == a->n_posonly) sl_strbuf_puts(o, " /");
  }
  if (a->vararg)
    sl_strbuf_printf(o, " *%s", a->vararg->name.data);
  else if (a->n_kwonly)
    sl_strbuf_puts(o, " *");
  for (size_t i = 0; i < a->n_kwonly; i++) {
    if (a->kw_defaults[i]) {
      sl_strbuf_printf(o, " (= %s ", a->kwonly[i].name.data);
      expr(a->kw_defaults[i], o);
      sl_strbuf_putc(o, ')');
    } else {
      sl_strbuf_printf(o, " %s", a->kwonly[i].name.data);
    }
  }
  if (a->kwarg) sl_strbuf_printf(o, " **%s", a->kwarg->name.data);
  sl_strbuf_putc(o, ')');
}

static void comp(const sl_ast_expr *e, sl_strbuf *o) {
  for (size_t i = 0; i < e->u.comp.n_gens; i++) {
    const sl_ast_comprehension *g = &e->u.comp.gens[i];
    sl_strbuf_puts(o, " (for ");
    expr(g->target, o);
    sl_strbuf_putc(o, ' ');
    expr(g->iter, o);
    for (size_t k = 0; k < g->n_ifs; k++) {
      sl_strbuf_puts(o, " (if ");
      expr(g->ifs[k], o);
      sl_strbuf_putc(o, ')');
    }
    sl_strbuf_putc(o, ')');
  }
}

static void expr(const sl_ast_expr *e, sl_strbuf *o) {
  switch (e->kind) {
  case SL_EXPR_CONST:
    switch (e->u.constant.kind) {
    case SL_CONST_NONE: sl_strbuf_puts(o, "None"); break;
    case SL_CONST_TRUE: sl_strbuf_puts(o, "True"); break;
    case SL_CONST_FALSE: sl_strbuf_puts(o, "False"); break;
    case SL_CONST_ELLIPSIS: sl_strbuf_puts(o, "..."); break;
    case SL_CONST_INT: sl_strbuf_printf(o, "%lld", (long long)e->u.constant.u.i); break;
    case SL_CONST_BIGINT: sl_strbuf_append(o, e->u.constant.u.s.data, e->u.constant.u.s.len); break;
    case SL_CONST_FLOAT: {
      char buf[64];
      snprintf(buf, sizeof buf, "%.17g", e->u.constant.u.f);
      sl_strbuf_puts(o, buf);
      if (!strpbrk(buf, ".eninf")) sl_strbuf_puts(o, ".0");
      break;
    }
    case SL_CONST_STR: put_str(o, "", e->u.constant.u.s); break;
    case SL_CONST_BYTES: put_str(o, "b", e->u.constant.u.s); break;
    }
    break;
  case SL_EXPR_NAME:
    sl_strbuf_printf(o, "%s%s", e->u.name.id.data, ctx_suffix(e->u.name.ctx));
    break;
  case SL_EXPR_FSTRING:
    sl_strbuf_puts(o, "(fstr");
    exprs(e->u.fstring.parts, e->u.fstring.n, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_FORMATTED:
    sl_strbuf_puts(o, "(fmt ");
    expr(e->u.formatted.value, o);
    if (e->u.formatted.conversion) sl_strbuf_printf(o, " !%c", e->u.formatted.conversion);
    if (e->u.formatted.format_spec) {
      sl_strbuf_putc(o, ' ');
      expr(e->u.formatted.format_spec, o);
    }
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_TUPLE:
  case SL_EXPR_LIST:
  case SL_EXPR_SET:
    sl_strbuf_printf(o, "(%s%s",
                     e->kind == SL_EXPR_TUPLE  ? "tuple"
                     : e->kind == SL_EXPR_LIST ? "list"
                                               : "set",
                     ctx_suffix(e->u.seq.ctx));
    exprs(e->u.seq.elts, e->u.seq.n, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_DICT:
    sl_strbuf_puts(o, "(dict");
    for (size_t i = 0; i < e->u.dict.n; i++) {
      if (e->u.dict.keys[i]) {
        sl_strbuf_puts(o, " (");
        expr(e->u.dict.keys[i], o);
        sl_strbuf_putc(o, ' ');
      } else {
        sl_strbuf_puts(o, " (** ");
      }
      expr(e->u.dict.values[i], o);
      sl_strbuf_putc(o, ')');
    }
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_LISTCOMP:
  case SL_EXPR_SETCOMP:
  case SL_EXPR_GENEXP:
    sl_strbuf_printf(o, "(%s ",
                     e->kind == SL_EXPR_LISTCOMP  ? "listcomp"
                     : e->kind == SL_EXPR_SETCOMP ? "setcomp"
                                                  : "genexp");
    expr(e->u.comp.elt, o);
    comp(e, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_DICTCOMP:
    sl_strbuf_puts(o, "(dictcomp ");
    expr(e->u.comp.key, o);
    sl_strbuf_putc(o, ' ');
    expr(e->u.comp.value, o);
    comp(e, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_BOOLOP:
    sl_strbuf_puts(o, e->u.boolop.op == SL_BOOL_AND ? "(and" : "(or");
    exprs(e->u.boolop.values, e->u.boolop.n, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_BINOP:
    sl_strbuf_printf(o, "(%s ", sl_ast_binop_name(e->u.binop.op));
    expr(e->u.binop.left, o);
    sl_strbuf_putc(o, ' ');
    expr(e->u.binop.right, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_UNARYOP: {
    static const char *const names[] = {"not", "-", "+", "~"};
    sl_strbuf_printf(o, "(%s ", names[e->u.unaryop.op]);
    expr(e->u.unaryop.operand, o);
    sl_strbuf_putc(o, ')');
    break;
  }
  case SL_EXPR_COMPARE:
    sl_strbuf_puts(o, "(cmp ");
    expr(e->u.compare.left, o);
    for (size_t i = 0; i < e->u.compare.n; i++) {
      sl_strbuf_printf(o, " %s ", sl_ast_cmpop_name(e->u.compare.ops[i]));
      expr(e->u.compare.comparators[i], o);
    }
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_IFEXP:
    sl_strbuf_puts(o, "(ifexp ");
    expr(e->u.ifexp.test, o);
    sl_strbuf_putc(o, ' ');
    expr(e->u.ifexp.body, o);
    sl_strbuf_putc(o, ' ');
    expr(e->u.ifexp.orelse, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_LAMBDA:
    sl_strbuf_puts(o, "(lambda ");
    params(e->u.lambda.params, o);
    sl_strbuf_putc(o, ' ');
    expr(e->u.lambda.body, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_NAMEDEXPR:
    sl_strbuf_puts(o, "(:= ");
    expr(e->u.namedexpr.target, o);
    sl_strbuf_putc(o, ' ');
    expr(e->u.namedexpr.value, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_AWAIT:
    sl_strbuf_puts(o, "(await ");
    expr(e->u.await.value, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_YIELD:
  case SL_EXPR_YIELD_FROM:
    sl_strbuf_puts(o, e->kind == SL_EXPR_YIELD ? "(yield" : "(yield-from");
    if (e->u.await.value) {
      sl_strbuf_putc(o, ' ');
      expr(e->u.await.value, o);
    }
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_CALL:
    sl_strbuf_puts(o, "(call ");
    expr(e->u.call.func, o);
    exprs(e->u.call.args, e->u.call.n_args, o);
    for (size_t i = 0; i < e->u.call.n_keywords; i++) {
      const sl_ast_keyword *k = &e->u.call.keywords[i];
      if (k->name.data)
        sl_strbuf_printf(o, " (kw %s ", k->name.data);
      else
        sl_strbuf_puts(o, " (** ");
      expr(k->value, o);
      sl_strbuf_putc(o, ')');
    }
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_ATTRIBUTE:
    sl_strbuf_printf(o, "(attr%s ", ctx_suffix(e->u.attribute.ctx));
    expr(e->u.attribute.value, o);
    sl_strbuf_printf(o, " %s)", e->u.attribute.attr.data);
    break;
  case SL_EXPR_SUBSCRIPT:
    sl_strbuf_printf(o, "(sub%s ", ctx_suffix(e->u.subscript.ctx));
    expr(e->u.subscript.value, o);
    sl_strbuf_putc(o, ' ');
    expr(e->u.subscript.index, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_SLICE:
    sl_strbuf_puts(o, "(slice ");
    opt(e->u.slice.lower, o);
    sl_strbuf_putc(o, ' ');
    opt(e->u.slice.upper, o);
    sl_strbuf_putc(o, ' ');
    opt(e->u.slice.step, o);
    sl_strbuf_putc(o, ')');
    break;
  case SL_EXPR_STARRED:
    sl_strbuf_printf(o, "(*%s ", ctx_suffix(e->u.starred.ctx));
    expr(e->u.starred.value, o);
    sl_strbuf_putc(o, ')');
    break;
  }
}

void sl_ast_dump_expr(const sl_ast_expr *e, sl_strbuf *out) { expr(e, out); }

static void stmt(const sl_ast_stmt *s, sl_strbuf *o);

/* Patterns: (value x) (is None) (seq ...) (map k p ... **rest)
 * (class C p ... k=p) (* name) (as p name) (or p ...); a bare name is a
 * capture, _ the wildcard. */
static void pattern(const sl_ast_pattern *pt, sl_strbuf *o) {
  static const char *const tag[] = {"value", "is", "seq", "map", "class", "*", "as", "or"};
  if (pt->kind == SL_PAT_AS && !pt->pattern) {
    sl_strbuf_puts(o, pt->name.data ? pt->name.data : "_");
    return;
  }
  sl_strbuf_printf(o, "(%s", tag[pt->kind]);
  if (pt->value) exprs(&pt->value, 1, o);
  for (size_t i = 0; i < pt->n; i++) {
    if (pt->keys) exprs(&pt->keys[i], 1, o);
    sl_strbuf_putc(o, ' ');
    pattern(pt->pats[i], o);
  }
  for (size_t i = 0; i < pt->n_kwd; i++) {
    sl_strbuf_printf(o, " %s=", pt->kwd_names[i].data);
    pattern(pt->kwd_pats[i], o);
  }
  if (pt->pattern) {
    sl_strbuf_putc(o, ' ');
    pattern(pt->pattern, o);
  }
  if (pt->kind == SL_PAT_MAPPING && pt->name.data)
    sl_strbuf_printf(o, " **%s", pt->name.data);
  else if (pt->kind != SL_PAT_MAPPING && pt->name.data)
    sl_strbuf_printf(o, " %s", pt->name.data);
  else if (pt->kind == SL_PAT_STAR)
    sl_strbuf_puts(o, " _");
  sl_strbuf_putc(o, ')');
}

static void block(const char *tag, sl_ast_block b, sl_strbuf *o) {
  sl_strbuf_printf(o, " (%s", tag);
  for (size_t i = 0; i < b.n; i++) {
    sl_strbuf_putc(o, ' ');
    stmt(b.stmts[i], o);
  }
  sl_strbuf_putc(o, ')');
}

static void stmt(const sl_ast_stmt *s, sl_strbuf *o) {
  switch (s->kind) {
  case SL_STMT_EXPR:
    sl_strbuf_puts(o, "(expr ");
    expr(s->u.expr.value, o);
    break;
  case SL_STMT_ASSIGN:
    sl_strbuf_puts(o, "(=");
    exprs(s->u.assign.targets, s->u.assign.n_targets, o);
    sl_strbuf_putc(o, ' ');
    expr(s->u.assign.value, o);
    break;
  case SL_STMT_AUGASSIGN:
    sl_strbuf_printf(o, "(%s= ", sl_ast_binop_name(s->u.augassign.op));
    expr(s->u.augassign.target, o);
    sl_strbuf_putc(o, ' ');
    expr(s->u.augassign.value, o);
    break;
  case SL_STMT_ANNASSIGN:
    sl_strbuf_puts(o, s->u.annassign.simple ? "(ann " : "(ann-complex ");
    expr(s->u.annassign.target, o);
    if (s->u.annassign.value) {
      sl_strbuf_putc(o, ' ');
      expr(s->u.annassign.value, o);
    }
    break;
  case SL_STMT_FUNCTIONDEF:
    sl_strbuf_printf(o, "(%s %s ", s->u.funcdef.is_async ? "async-def" : "def",
                     s->u.funcdef.name.data);
    if (s->u.funcdef.n_decorators) {
      sl_strbuf_puts(o, "(decorators");
      exprs(s->u.funcdef.decorators, s->u.funcdef.n_decorators, o);
      sl_strbuf_puts(o, ") ");
    }
    params(s->u.funcdef.params, o);
    block("block", s->u.funcdef.body, o);
    break;
  case SL_STMT_CLASSDEF:
    sl_strbuf_printf(o, "(class %s ", s->u.classdef.name.data);
    if (s->u.classdef.n_decorators) {
      sl_strbuf_puts(o, "(decorators");
      exprs(s->u.classdef.decorators, s->u.classdef.n_decorators, o);
      sl_strbuf_puts(o, ") ");
    }
    sl_strbuf_puts(o, "(bases");
    exprs(s->u.classdef.bases, s->u.classdef.n_bases, o);
    sl_strbuf_putc(o, ')');
    for (size_t i = 0; i < s->u.classdef.n_keywords; i++) {
      sl_strbuf_printf(o, " (kw %s", s->u.classdef.keywords[i].name.data);
      exprs(&s->u.classdef.keywords[i].value, 1, o);
      sl_strbuf_putc(o, ')');
    }
    block("block", s->u.classdef.body, o);
    break;
  case SL_STMT_RETURN:
    sl_strbuf_puts(o, "(return");
    if (s->u.ret.value) exprs(&s->u.ret.value, 1, o);
    break;
  case SL_STMT_DELETE:
    sl_strbuf_puts(o, "(del");
    exprs(s->u.del.targets, s->u.del.n, o);
    break;
  case SL_STMT_IF:
    sl_strbuf_puts(o, "(if");
    for (size_t i = 0; i < s->u.if_.n_branches; i++) {
      if (i) sl_strbuf_puts(o, " elif");
      exprs(&s->u.if_.tests[i], 1, o);
      block("block", s->u.if_.bodies[i], o);
    }
    if (s->u.if_.orelse.n) block("else", s->u.if_.orelse, o);
    break;
  case SL_STMT_WHILE:
    sl_strbuf_puts(o, "(while");
    exprs(&s->u.while_.test, 1, o);
    block("block", s->u.while_.body, o);
    if (s->u.while_.orelse.n) block("else", s->u.while_.orelse, o);
    break;
  case SL_STMT_FOR:
    sl_strbuf_puts(o, s->u.for_.is_async ? "(async-for" : "(for");
    exprs(&s->u.for_.target, 1, o);
    exprs(&s->u.for_.iter, 1, o);
    block("block", s->u.for_.body, o);
    if (s->u.for_.orelse.n) block("else", s->u.for_.orelse, o);
    break;
  case SL_STMT_WITH:
    sl_strbuf_puts(o, s->u.with.is_async ? "(async-with" : "(with");
    for (size_t i = 0; i < s->u.with.n_items; i++) {
      sl_strbuf_puts(o, " (item ");
      expr(s->u.with.items[i].context_expr, o);
      if (s->u.with.items[i].optional_vars) exprs(&s->u.with.items[i].optional_vars, 1, o);
      sl_strbuf_putc(o, ')');
    }
    block("block", s->u.with.body, o);
    break;
  case SL_STMT_RAISE:
    sl_strbuf_puts(o, "(raise");
    if (s->u.raise.exc) exprs(&s->u.raise.exc, 1, o);
    if (s->u.raise.cause) {
      sl_strbuf_puts(o, " from");
      exprs(&s->u.raise.cause, 1, o);
    }
    break;
  case SL_STMT_TRY:
    sl_strbuf_puts(o, "(try");
    block("block", s->u.try_.body, o);
    for (size_t i = 0; i < s->u.try_.n_handlers; i++) {
      const sl_ast_handler *h = &s->u.try_.handlers[i];
      sl_strbuf_puts(o, s->u.try_.is_star ? " (except* " : " (except ");
      opt(h->type, o);
      if (h->name.data) sl_strbuf_printf(o, " as %s", h->name.data);
      block("block", h->body, o);
      sl_strbuf_putc(o, ')');
    }
    if (s->u.try_.orelse.n) block("else", s->u.try_.orelse, o);
    if (s->u.try_.finalbody.n) block("finally", s->u.try_.finalbody, o);
    break;
  case SL_STMT_ASSERT:
    sl_strbuf_puts(o, "(assert");
    exprs(&s->u.assert_.test, 1, o);
    if (s->u.assert_.msg) exprs(&s->u.assert_.msg, 1, o);
    break;
  case SL_STMT_IMPORT:
  case SL_STMT_IMPORTFROM: {
    const sl_ast_alias *v;
    size_t n;
    if (s->kind == SL_STMT_IMPORT) {
      sl_strbuf_puts(o, "(import");
      v = s->u.import.names, n = s->u.import.n;
    } else {
      sl_strbuf_puts(o, "(from ");
      for (int i = 0; i < s->u.importfrom.level; i++) sl_strbuf_putc(o, '.');
      if (s->u.importfrom.module.data) sl_strbuf_puts(o, s->u.importfrom.module.data);
      v = s->u.importfrom.names, n = s->u.importfrom.n;
    }
    for (size_t i = 0; i < n; i++) {
      if (v[i].asname.data)
        sl_strbuf_printf(o, " (%s as %s)", v[i].name.data, v[i].asname.data);
      else
        sl_strbuf_printf(o, " %s", v[i].name.data);
    }
    break;
  }
  case SL_STMT_GLOBAL:
  case SL_STMT_NONLOCAL:
    sl_strbuf_puts(o, s->kind == SL_STMT_GLOBAL ? "(global" : "(nonlocal");
    for (size_t i = 0; i < s->u.names.n; i++) sl_strbuf_printf(o, " %s", s->u.names.names[i].data);
    break;
  case SL_STMT_PASS: sl_strbuf_puts(o, "(pass"); break;
  case SL_STMT_BREAK: sl_strbuf_puts(o, "(break"); break;
  case SL_STMT_CONTINUE: sl_strbuf_puts(o, "(continue"); break;
  case SL_STMT_MATCH:
    sl_strbuf_puts(o, "(match");
    exprs(&s->u.match.subject, 1, o);
    for (size_t i = 0; i < s->u.match.n_cases; i++) {
      const sl_ast_match_case *mc = &s->u.match.cases[i];
      sl_strbuf_puts(o, " (case ");
      pattern(mc->pattern, o);
      if (mc->guard) {
        sl_strbuf_puts(o, " (if");
        exprs(&mc->guard, 1, o);
        sl_strbuf_putc(o, ')');
      }
      block("block", mc->body, o);
      sl_strbuf_putc(o, ')');
    }
    break;
  }
  sl_strbuf_putc(o, ')');
}

void sl_ast_dump(const sl_ast_module *m, sl_strbuf *out) {
  for (size_t i = 0; i < m->body.n; i++) {
    stmt(m->body.stmts[i], out);
    sl_strbuf_putc(out, '\n');
  }
}
