/* The compiler's first pass: symbol tables and name resolution, as
 * CPython's Python/symtable.c does it for the subset (locals, globals,
 * nonlocal, cells and free variables of closures, comprehension scopes,
 * class bodies, the implicit __class__ cell of zero-argument super()). */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/compile-int.h"
#include "core/lang/modules/stdmod.h"

static scope *scope_new(compiler *c, scope_kind kind, const void *node, scope *parent) {
  scope *s = sl__cmalloc(c, sizeof *s);
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->node = node;
  s->parent = parent;
  if (parent) {
    if (parent->nchildren == parent->capchildren) {
      size_t cap = parent->capchildren ? parent->capchildren * 2 : 4;
      scope **g = sl_realloc(parent->children, cap * sizeof *g);
      if (!g) {
        sl__scope_free(s);
        sl__cnomem(c);
      }
      parent->children = g;
      parent->capchildren = cap;
    }
    parent->children[parent->nchildren++] = s;
  }
  return s;
}

void sl__scope_free(scope *s) {
  if (!s) return;
  for (size_t i = 0; i < s->nchildren; i++) sl__scope_free(s->children[i]);
  sl_free(s->children);
  sl_free(s->syms);
  sl_namemap_free(&s->symmap);
  sl_free(s->qualname);
  sl_free(s);
}

sym *sl__scope_lookup(scope *s, const char *name) {
  int64_t i = sl_namemap_get(&s->symmap, name);
  return i >= 0 ? &s->syms[i] : NULL;
}

/* The code generator visits a scope's children in the order the first
 * pass made them, so the next one is nearly always the one asked for. */
scope *sl__scope_find(scope *parent, const void *node) {
  size_t n = parent->nchildren;
  for (size_t k = 0; k < n; k++) {
    size_t i = (parent->next_child + k) % n;
    if (parent->children[i]->node == node) {
      parent->next_child = i + 1 < n ? i + 1 : 0;
      return parent->children[i];
    }
  }
  return NULL;
}

static sym *add(compiler *c, scope *s, const char *name, unsigned flags) {
  sym *y = sl__scope_lookup(s, name);
  if (!y) {
    if (s == c->top) name = sl__persist(c, name); /* outlives the statement */
    if (s->nsyms == s->capsyms) {
      size_t cap = s->capsyms ? s->capsyms * 2 : 8;
      sym *g = sl_realloc(s->syms, cap * sizeof *g);
      if (!g) sl__cnomem(c);
      s->syms = g;
      s->capsyms = cap;
    }
    if (sl_namemap_put(&s->symmap, name, (uint32_t)s->nsyms)) sl__cnomem(c);
    y = &s->syms[s->nsyms++];
    y->name = name;
    y->flags = 0;
    y->scope = 0;
  }
  y->flags |= flags;
  return y;
}

static void visit_expr(compiler *c, scope *s, const sl_ast_expr *e);
static void visit_block(compiler *c, scope *s, const sl_ast_block *b);

static void visit_params(compiler *c, scope *s, const sl_ast_params *p) {
  for (size_t i = 0; i < p->n_params; i++) add(c, s, p->params[i].name.data, SYM_BOUND | SYM_PARAM);
  for (size_t i = 0; i < p->n_kwonly; i++) add(c, s, p->kwonly[i].name.data, SYM_BOUND | SYM_PARAM);
  if (p->vararg) add(c, s, p->vararg->name.data, SYM_BOUND | SYM_PARAM);
  if (p->kwarg) add(c, s, p->kwarg->name.data, SYM_BOUND | SYM_PARAM);
}

static void visit_defaults(compiler *c, scope *s, const sl_ast_params *p) {
  for (size_t i = 0; i < p->n_defaults; i++) visit_expr(c, s, p->defaults[i]);
  for (size_t i = 0; i < p->n_kwonly; i++)
    if (p->kw_defaults[i]) visit_expr(c, s, p->kw_defaults[i]);
}

/* PEP 572: a walrus in a comprehension binds in the enclosing function. */
static void bind_walrus(compiler *c, scope *s, const char *name) {
  scope *t = s;
  while (t->is_comp) t = t->parent;
  add(c, t, name, SYM_BOUND);
  for (scope *u = s; u != t; u = u->parent)
    add(c, u, name, t->kind == SC_MODULE ? SYM_GLOBAL : SYM_NONLOCAL);
}

/* How CPython's symtable names a comprehension in its errors. */
static const char *comp_kind_name(const void *node) {
  switch (((const sl_ast_expr *)node)->kind) {
  case SL_EXPR_SETCOMP: return "set comprehension";
  case SL_EXPR_DICTCOMP: return "dict comprehension";
  case SL_EXPR_GENEXP: return "generator expression";
  default: return "list comprehension";
  }
}

/* A match pattern: its captures bind, its values and classes are read. */
static void visit_pattern(compiler *c, scope *s, const sl_ast_pattern *pt) {
  if (pt->value) visit_expr(c, s, pt->value);
  for (size_t i = 0; i < pt->n; i++) {
    if (pt->keys) visit_expr(c, s, pt->keys[i]);
    visit_pattern(c, s, pt->pats[i]);
  }
  for (size_t i = 0; i < pt->n_kwd; i++) visit_pattern(c, s, pt->kwd_pats[i]);
  if (pt->pattern) visit_pattern(c, s, pt->pattern);
  if (pt->name.data) add(c, s, pt->name.data, SYM_BOUND);
}

static void visit_comp(compiler *c, scope *s, const sl_ast_expr *e) {
  visit_expr(c, s, e->u.comp.gens[0].iter);
  scope *cs = scope_new(c, SC_FUNCTION, e, s);
  cs->is_comp = true;
  add(c, cs, ".0", SYM_BOUND | SYM_PARAM);
  for (size_t g = 0; g < e->u.comp.n_gens; g++) {
    const sl_ast_comprehension *gen = &e->u.comp.gens[g];
    if (g > 0) visit_expr(c, cs, gen->iter);
    if (gen->is_async) cs->has_await = true;
    visit_expr(c, cs, gen->target);
    for (size_t i = 0; i < gen->n_ifs; i++) visit_expr(c, cs, gen->ifs[i]);
  }
  if (e->u.comp.elt) visit_expr(c, cs, e->u.comp.elt);
  if (e->u.comp.key) visit_expr(c, cs, e->u.comp.key);
  if (e->u.comp.value) visit_expr(c, cs, e->u.comp.value);
  if (e->kind == SL_EXPR_GENEXP)
    cs->is_generator = true;
  else if (cs->has_await)
    s->has_await = true;
}

static void visit_exprs(compiler *c, scope *s, sl_ast_expr *const *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (v[i]) visit_expr(c, s, v[i]);
}

static void visit_expr(compiler *c, scope *s, const sl_ast_expr *e) {
  switch (e->kind) {
  case SL_EXPR_CONST: break;
  case SL_EXPR_NAME:
    add(c, s, e->u.name.id.data, e->u.name.ctx == SL_CTX_LOAD ? SYM_USED : SYM_BOUND);
    break;
  case SL_EXPR_FSTRING: visit_exprs(c, s, e->u.fstring.parts, e->u.fstring.n); break;
  case SL_EXPR_FORMATTED:
    visit_expr(c, s, e->u.formatted.value);
    if (e->u.formatted.format_spec) visit_expr(c, s, e->u.formatted.format_spec);
    break;
  case SL_EXPR_TUPLE:
  case SL_EXPR_LIST:
  case SL_EXPR_SET: visit_exprs(c, s, e->u.seq.elts, e->u.seq.n); break;
  case SL_EXPR_DICT:
    visit_exprs(c, s, e->u.dict.keys, e->u.dict.n);
    visit_exprs(c, s, e->u.dict.values, e->u.dict.n);
    break;
  case SL_EXPR_LISTCOMP:
  case SL_EXPR_SETCOMP:
  case SL_EXPR_DICTCOMP:
  case SL_EXPR_GENEXP: visit_comp(c, s, e); break;
  case SL_EXPR_BOOLOP: visit_exprs(c, s, e->u.boolop.values, e->u.boolop.n); break;
  case SL_EXPR_BINOP:
    visit_expr(c, s, e->u.binop.left);
    visit_expr(c, s, e->u.binop.right);
    break;
  case SL_EXPR_UNARYOP: visit_expr(c, s, e->u.unaryop.operand); break;
  case SL_EXPR_COMPARE:
    visit_expr(c, s, e->u.compare.left);
    visit_exprs(c, s, e->u.compare.comparators, e->u.compare.n);
    break;
  case SL_EXPR_IFEXP:
    visit_expr(c, s, e->u.ifexp.test);
    visit_expr(c, s, e->u.ifexp.body);
    visit_expr(c, s, e->u.ifexp.orelse);
    break;
  case SL_EXPR_LAMBDA: {
    visit_defaults(c, s, e->u.lambda.params);
    scope *ls = scope_new(c, SC_FUNCTION, e, s);
    visit_params(c, ls, e->u.lambda.params);
    visit_expr(c, ls, e->u.lambda.body);
    break;
  }
  case SL_EXPR_NAMEDEXPR:
    visit_expr(c, s, e->u.namedexpr.value);
    bind_walrus(c, s, e->u.namedexpr.target->u.name.id.data);
    break;
  case SL_EXPR_AWAIT:
    s->has_await = true;
    visit_expr(c, s, e->u.await.value);
    break;
  case SL_EXPR_YIELD:
  case SL_EXPR_YIELD_FROM:
    if (s->is_comp)
      sl__cerr(c, e->line, e->col, SL_DIAG_SYNTAX, NULL, "'yield' inside %s",
               comp_kind_name(s->node));
    s->is_generator = true;
    if (e->u.await.value) visit_expr(c, s, e->u.await.value);
    break;
  case SL_EXPR_CALL:
    if (e->u.call.func->kind == SL_EXPR_NAME && !strcmp(e->u.call.func->u.name.id.data, "super") &&
        e->u.call.n_args == 0)
      s->uses_super = true;
    visit_expr(c, s, e->u.call.func);
    visit_exprs(c, s, e->u.call.args, e->u.call.n_args);
    for (size_t i = 0; i < e->u.call.n_keywords; i++) visit_expr(c, s, e->u.call.keywords[i].value);
    break;
  case SL_EXPR_ATTRIBUTE: visit_expr(c, s, e->u.attribute.value); break;
  case SL_EXPR_SUBSCRIPT:
    visit_expr(c, s, e->u.subscript.value);
    visit_expr(c, s, e->u.subscript.index);
    break;
  case SL_EXPR_SLICE:
    if (e->u.slice.lower) visit_expr(c, s, e->u.slice.lower);
    if (e->u.slice.upper) visit_expr(c, s, e->u.slice.upper);
    if (e->u.slice.step) visit_expr(c, s, e->u.slice.step);
    break;
  case SL_EXPR_STARRED: visit_expr(c, s, e->u.starred.value); break;
  }
}

static void visit_stmt(compiler *c, scope *s, const sl_ast_stmt *st) {
  switch (st->kind) {
  case SL_STMT_EXPR: visit_expr(c, s, st->u.expr.value); break;
  case SL_STMT_ASSIGN:
    visit_expr(c, s, st->u.assign.value);
    visit_exprs(c, s, st->u.assign.targets, st->u.assign.n_targets);
    break;
  case SL_STMT_AUGASSIGN:
    if (st->u.augassign.target->kind == SL_EXPR_NAME)
      add(c, s, st->u.augassign.target->u.name.id.data, SYM_BOUND | SYM_USED);
    else
      visit_expr(c, s, st->u.augassign.target);
    visit_expr(c, s, st->u.augassign.value);
    break;
  case SL_STMT_ANNASSIGN:
    if (st->u.annassign.value) visit_expr(c, s, st->u.annassign.value);
    visit_expr(c, s, st->u.annassign.target);
    break;
  case SL_STMT_FUNCTIONDEF: {
    visit_exprs(c, s, st->u.funcdef.decorators, st->u.funcdef.n_decorators);
    visit_defaults(c, s, st->u.funcdef.params);
    add(c, s, st->u.funcdef.name.data, SYM_BOUND);
    scope *fs = scope_new(c, SC_FUNCTION, st, s);
    fs->is_async = st->u.funcdef.is_async;
    visit_params(c, fs, st->u.funcdef.params);
    visit_block(c, fs, &st->u.funcdef.body);
    if (fs->is_async && fs->is_generator && fs->return_value)
      sl__cerr(c, fs->return_value->line, fs->return_value->col, SL_DIAG_SYNTAX, NULL,
               "'return' with value in async generator");
    break;
  }
  case SL_STMT_CLASSDEF: {
    visit_exprs(c, s, st->u.classdef.decorators, st->u.classdef.n_decorators);
    visit_exprs(c, s, st->u.classdef.bases, st->u.classdef.n_bases);
    for (size_t i = 0; i < st->u.classdef.n_keywords; i++)
      visit_expr(c, s, st->u.classdef.keywords[i].value);
    add(c, s, st->u.classdef.name.data, SYM_BOUND);
    scope *cs = scope_new(c, SC_CLASS, st, s);
    visit_block(c, cs, &st->u.classdef.body);
    break;
  }
  case SL_STMT_RETURN:
    if (st->u.ret.value && !s->return_value) s->return_value = st;
    if (st->u.ret.value) visit_expr(c, s, st->u.ret.value);
    break;
  case SL_STMT_DELETE: visit_exprs(c, s, st->u.del.targets, st->u.del.n); break;
  case SL_STMT_IF:
    for (size_t i = 0; i < st->u.if_.n_branches; i++) {
      visit_expr(c, s, st->u.if_.tests[i]);
      visit_block(c, s, &st->u.if_.bodies[i]);
    }
    visit_block(c, s, &st->u.if_.orelse);
    break;
  case SL_STMT_WHILE:
    visit_expr(c, s, st->u.while_.test);
    visit_block(c, s, &st->u.while_.body);
    visit_block(c, s, &st->u.while_.orelse);
    break;
  case SL_STMT_FOR:
    visit_expr(c, s, st->u.for_.iter);
    visit_expr(c, s, st->u.for_.target);
    visit_block(c, s, &st->u.for_.body);
    visit_block(c, s, &st->u.for_.orelse);
    break;
  case SL_STMT_WITH:
    for (size_t i = 0; i < st->u.with.n_items; i++) {
      visit_expr(c, s, st->u.with.items[i].context_expr);
      if (st->u.with.items[i].optional_vars) visit_expr(c, s, st->u.with.items[i].optional_vars);
    }
    if (st->u.with.is_async) s->has_await = true;
    visit_block(c, s, &st->u.with.body);
    break;
  case SL_STMT_MATCH:
    visit_expr(c, s, st->u.match.subject);
    for (size_t i = 0; i < st->u.match.n_cases; i++) {
      const sl_ast_match_case *mc = &st->u.match.cases[i];
      visit_pattern(c, s, mc->pattern);
      if (mc->guard) visit_expr(c, s, mc->guard);
      visit_block(c, s, &mc->body);
    }
    break;
  case SL_STMT_RAISE:
    if (st->u.raise.exc) visit_expr(c, s, st->u.raise.exc);
    if (st->u.raise.cause) visit_expr(c, s, st->u.raise.cause);
    break;
  case SL_STMT_TRY:
    visit_block(c, s, &st->u.try_.body);
    for (size_t i = 0; i < st->u.try_.n_handlers; i++) {
      const sl_ast_handler *h = &st->u.try_.handlers[i];
      if (h->type) visit_expr(c, s, h->type);
      if (h->name.data) add(c, s, h->name.data, SYM_BOUND);
      visit_block(c, s, &h->body);
    }
    visit_block(c, s, &st->u.try_.orelse);
    visit_block(c, s, &st->u.try_.finalbody);
    break;
  case SL_STMT_ASSERT:
    visit_expr(c, s, st->u.assert_.test);
    if (st->u.assert_.msg) visit_expr(c, s, st->u.assert_.msg);
    break;
  case SL_STMT_IMPORT:
    for (size_t i = 0; i < st->u.import.n; i++) {
      const sl_ast_alias *a = &st->u.import.names[i];
      const char *top = a->asname.data ? NULL : sl_stdmod_package(a->name.data);
      add(c, s, a->asname.data ? a->asname.data : top ? top : a->name.data, SYM_BOUND);
    }
    break;
  case SL_STMT_IMPORTFROM:
    for (size_t i = 0; i < st->u.importfrom.n; i++) {
      const sl_ast_alias *a = &st->u.importfrom.names[i];
      add(c, s, a->asname.data ? a->asname.data : a->name.data, SYM_BOUND);
    }
    break;
  case SL_STMT_GLOBAL:
  case SL_STMT_NONLOCAL:
    for (size_t i = 0; i < st->u.names.n; i++) {
      const char *n = st->u.names.names[i].data;
      if (st->kind == SL_STMT_NONLOCAL && s->kind == SC_MODULE)
        sl__cerr(c, st->line, st->col, SL_DIAG_SYNTAX, NULL,
                 "nonlocal declaration not allowed at module level");
      add(c, s, n, st->kind == SL_STMT_GLOBAL ? SYM_GLOBAL : SYM_NONLOCAL);
    }
    break;
  case SL_STMT_PASS:
  case SL_STMT_BREAK:
  case SL_STMT_CONTINUE: break;
  }
}

static void visit_block(compiler *c, scope *s, const sl_ast_block *b) {
  for (size_t i = 0; i < b->n; i++) visit_stmt(c, s, b->stmts[i]);
}

/* A growable set of names visible from enclosing function scopes. */
typedef struct nameset {
  const char **v;
  size_t n;
} nameset;

static bool in_set(const nameset *ns, const char *name) {
  for (size_t i = 0; i < ns->n; i++)
    if (!strcmp(ns->v[i], name)) return true;
  return false;
}

static void analyze(compiler *c, scope *s, const nameset *bound) {
  if (s->kind == SC_FUNCTION && s->uses_super && s->parent && s->parent->kind == SC_CLASS)
    add(c, s, "__class__", SYM_USED);
  for (size_t i = 0; i < s->nsyms; i++) {
    sym *y = &s->syms[i];
    if (s->kind == SC_MODULE)
      y->scope = SYM_GLOBAL_IMPLICIT;
    else if (y->flags & SYM_GLOBAL)
      y->scope = SYM_GLOBAL_EXPLICIT;
    else if (y->flags & SYM_NONLOCAL) {
      if (!in_set(bound, y->name))
        sl__cerr(c, 0, 0, SL_DIAG_SYNTAX, NULL, "no binding for nonlocal '%s' found", y->name);
      y->scope = SYM_FREE;
    } else if (y->flags & SYM_BOUND)
      y->scope = SYM_LOCAL;
    else if (in_set(bound, y->name))
      y->scope = SYM_FREE;
    else
      y->scope = SYM_GLOBAL_IMPLICIT;
  }
  /* What the children can see. */
  nameset nb = {NULL, 0};
  size_t cap = bound->n + s->nsyms + 1;
  nb.v = sl_malloc(cap * sizeof *nb.v);
  if (!nb.v) sl__cnomem(c);
  if (s->kind != SC_MODULE)
    for (size_t i = 0; i < bound->n; i++) {
      sym *y = sl__scope_lookup(s, bound->v[i]);
      if (y && y->scope == SYM_GLOBAL_EXPLICIT) continue;
      nb.v[nb.n++] = bound->v[i];
    }
  if (s->kind == SC_FUNCTION) {
    for (size_t i = 0; i < s->nsyms; i++)
      if ((s->syms[i].scope == SYM_LOCAL || s->syms[i].scope == SYM_FREE) &&
          !in_set(&nb, s->syms[i].name))
        nb.v[nb.n++] = s->syms[i].name;
  } else if (s->kind == SC_CLASS) {
    nb.v[nb.n++] = "__class__";
  }
  jmp_buf saved;
  memcpy(saved, c->jb, sizeof saved);
  if (setjmp(c->jb)) {
    sl_free(nb.v);
    memcpy(c->jb, saved, sizeof saved);
    longjmp(c->jb, 1);
  }
  for (size_t k = 0; k < s->nchildren; k++) analyze(c, s->children[k], &nb);
  memcpy(c->jb, saved, sizeof saved);
  sl_free(nb.v);
  /* Free variables of the children are cells here, or pass through. */
  for (size_t k = 0; k < s->nchildren; k++) {
    scope *ch = s->children[k];
    for (size_t i = 0; i < ch->nsyms; i++) {
      if (ch->syms[i].scope != SYM_FREE) continue;
      const char *name = ch->syms[i].name;
      sym *y = sl__scope_lookup(s, name);
      if (s->kind == SC_CLASS && !strcmp(name, "__class__")) {
        y = add(c, s, name, 0);
        y->scope = SYM_CELL;
      } else if (y && y->scope == SYM_LOCAL && s->kind == SC_FUNCTION) {
        y->scope = SYM_CELL;
      } else if (!y || y->scope == SYM_GLOBAL_IMPLICIT) {
        y = add(c, s, name, 0);
        y->scope = SYM_FREE;
      }
    }
  }
}

/* Module-level names all resolve as globals, and a def or class at the top
 * sees no enclosing function: so each top-level statement can be
 * resolved on its own, as it is parsed (sl_vm_compile_source). */
scope *sl__scope_top(compiler *c, const sl_ast_module *mod) {
  c->top = scope_new(c, SC_MODULE, mod, NULL);
  return c->top;
}

void sl__scope_top_stmt(compiler *c, const sl_ast_stmt *st) {
  scope *top = c->top;
  size_t from = top->nsyms;
  visit_stmt(c, top, st);
  for (size_t i = from; i < top->nsyms; i++) top->syms[i].scope = SYM_GLOBAL_IMPLICIT;
  nameset none = {NULL, 0};
  for (size_t k = 0; k < top->nchildren; k++) analyze(c, top->children[k], &none);
  /* As analyze() does for any scope: a child's free variable unknown here
   * (only an error case reaches it) becomes one of the module's. */
  for (size_t k = 0; k < top->nchildren; k++) {
    scope *ch = top->children[k];
    for (size_t i = 0; i < ch->nsyms; i++) {
      if (ch->syms[i].scope != SYM_FREE) continue;
      sym *y = sl__scope_lookup(top, ch->syms[i].name);
      if (!y || y->scope == SYM_GLOBAL_IMPLICIT) add(c, top, ch->syms[i].name, 0)->scope = SYM_FREE;
    }
  }
}

void sl__scope_drop_children(scope *s) {
  for (size_t i = 0; i < s->nchildren; i++) sl__scope_free(s->children[i]);
  s->nchildren = 0;
  s->next_child = 0;
}

scope *sl__scope_build(compiler *c, const sl_ast_module *mod) {
  scope *top = scope_new(c, SC_MODULE, mod, NULL);
  c->top = top;
  visit_block(c, top, &mod->body);
  nameset none = {NULL, 0};
  analyze(c, top, &none);
  return top;
}
