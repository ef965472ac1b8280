/* The parser's entry point and shared machinery: token lookahead, error
 * reporting (one table of unsupported constructs), arena helpers. The
 * grammar itself is in parser_expr.c, parser_stmt.c and parser_fstring.c. */
#include "core/lang/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/lang/parser-int.h"

static void check_unclosed(sl_parser *p, const sl_token *t);

/* ---- tokens ---------------------------------------------------------------- */

sl_token *sl__parse_peek(sl_parser *p, unsigned k) {
  while (p->count <= k) {
    sl_token *t = &p->ring[(p->head + p->count) % SL_PARSER_LOOKAHEAD];
    if (!sl_lexer_next(p->lx, t, p->diag)) longjmp(*p->fail, 1);
    p->count++;
  }
  return &p->ring[(p->head + k) % SL_PARSER_LOOKAHEAD];
}

bool sl__parse_at(sl_parser *p, sl_tok_kind kind) { return CUR(p)->kind == kind; }

void sl__parse_next(sl_parser *p) {
  sl_token *t = CUR(p);
  if (t->kind == SL_TOK_ENDMARKER) return; /* stays put, so loops terminate */
  p->prev_end_line = t->end_line;
  p->prev_end_col = t->end_col;
  p->prev_end_off = t->start + t->len;
  p->head = (p->head + 1) % SL_PARSER_LOOKAHEAD;
  p->count--;
}

bool sl__parse_accept(sl_parser *p, sl_tok_kind kind) {
  if (!sl__parse_at(p, kind)) return false;
  sl__parse_next(p);
  return true;
}

void sl__parse_expect(sl_parser *p, sl_tok_kind kind) {
  if (sl__parse_accept(p, kind)) return;
  if (kind == SL_TOK_COLON || kind == SL_TOK_RPAR || kind == SL_TOK_RSQB || kind == SL_TOK_RBRACE ||
      kind == SL_TOK_KW_IN || kind == SL_TOK_KW_IMPORT || kind == SL_TOK_LPAR ||
      kind == SL_TOK_EQUAL) {
    check_unclosed(p, CUR(p));
    /* A missing ':' is reported where it should have been, like CPython. */
    if (kind == SL_TOK_COLON && p->prev_end_line > 0)
      sl__parse_fail_pos(p, p->prev_end_line, p->prev_end_col, p->prev_end_off, "expected ':'");
    sl__parse_syntax(p, CUR(p), "expected '%s'", sl_token_kind_name(kind));
  }
  sl__parse_invalid(p);
}

/* ---- errors ---------------------------------------------------------------- */

static _Noreturn void vfail(sl_parser *p, sl_diag_kind kind, uint32_t line, uint32_t col,
                            size_t off, const char *construct, const char *hint, const char *fmt,
                            va_list ap) {
  char msg[SL_DIAG_TEXT_MAX];
  vsnprintf(msg, sizeof msg, fmt, ap);
  sl_diag_set(p->diag, kind, p->filename, p->src, p->len, off, line, col, construct, hint, "%s",
              msg);
  longjmp(*p->fail, 1);
}

void sl__parse_fail_tok(sl_parser *p, const sl_token *t, sl_diag_kind kind, const char *construct,
                        const char *hint, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail(p, kind, t->line, t->col, t->start, construct, hint, fmt, ap);
}

void sl__parse_fail_pos(sl_parser *p, uint32_t line, uint32_t col, size_t off, const char *fmt,
                        ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail(p, SL_DIAG_SYNTAX, line, col, off, NULL, NULL, fmt, ap);
}

void sl__parse_syntax(sl_parser *p, const sl_token *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail(p, SL_DIAG_SYNTAX, t->line, t->col, t->start, NULL, NULL, fmt, ap);
}

/* CPython's rule: a generic error on a line after an unclosed bracket is
 * better explained by the bracket ("'(' was never closed"). */
static void check_unclosed(sl_parser *p, const sl_token *t) {
  const sl_lexer *lx = p->lx;
  if (lx->paren_depth == 0) return;
  int d = lx->paren_depth - 1;
  if (t->line > lx->paren_line[d])
    sl__parse_fail_pos(p, lx->paren_line[d], lx->paren_col[d], lx->paren_off[d],
                       "'%c' was never closed", lx->paren_char[d]);
}

void sl__parse_invalid(sl_parser *p) {
  sl_token *t = CUR(p);
  if (t->kind == SL_TOK_INDENT) sl__parse_syntax(p, t, "unexpected indent");
  check_unclosed(p, t);
  sl__parse_syntax(p, t, "invalid syntax");
}

void sl__parse_nomem(sl_parser *p) {
  sl_diag_set_nomem(p->diag, p->filename);
  longjmp(*p->fail, 1);
}

/* Every construct the parser rejects as outside the subset, with its
 * message and what to do instead. docs/language.md lists the same table. */
static const struct {
  const char *construct, *message, *hint;
} unsupported[] = {
    {"class keyword", "'**' in a class statement's keywords is not supported by simloop",
     "write each keyword out: 'class Name(Base, metaclass=M, key=value):'"},
    {"starred base", "starred base classes are not supported by simloop",
     "name the base classes explicitly"},
    {"@", "the '@' operator is not supported by simloop (matrix multiplication)",
     "call a function instead"},
    {"type parameters",
     "generic type parameters ('def f[T]', 'class C[T]') are not supported by simloop",
     "drop the type parameters"},
    {"type alias", "'type' alias statements are not supported by simloop",
     "use a plain assignment"},
    {"f-string '='", NULL, NULL},
};

void sl__parse_unsupported(sl_parser *p, const sl_token *t, const char *construct) {
  for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++)
    if (strcmp(unsupported[i].construct, construct) == 0 && unsupported[i].message)
      sl__parse_fail_tok(p, t, SL_DIAG_UNSUPPORTED, construct, unsupported[i].hint, "%s",
                         unsupported[i].message);
  sl__parse_fail_tok(p, t, SL_DIAG_UNSUPPORTED, construct, NULL, "'%s' is not supported by simloop",
                     construct);
}

void sl__parse_enter(sl_parser *p, const sl_token *t) {
  if (++p->depth > SL_PARSE_MAX_NESTING)
    sl__parse_fail_tok(p, t, SL_DIAG_LIMIT, NULL, "split the code into smaller functions",
                       "too deeply nested (simloop limits nesting to %d levels)",
                       SL_PARSE_MAX_NESTING);
}

void sl__parse_leave(sl_parser *p) { p->depth--; }

/* ---- arena helpers ------------------------------------------------------- */

void *sl__parse_alloc(sl_parser *p, size_t size) {
  void *m = sl__arena_alloc(p->arena, size);
  if (!m) sl__parse_nomem(p);
  return m;
}

sl_ast_str sl__parse_str(sl_parser *p, const char *s, size_t n) {
  char *d = sl__arena_strndup(p->arena, s, n);
  if (!d) sl__parse_nomem(p);
  return (sl_ast_str){d, n};
}

/* FNV-1a over an identifier's bytes. */
static size_t name_hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return (size_t)h;
}

/* The table slot for s[0..n): its entry, or the empty slot it would take. */
static sl_ast_str *name_slot(sl_ast_str *table, size_t cap, const char *s, size_t n) {
  for (size_t i = name_hash(s, n) & (cap - 1);; i = (i + 1) & (cap - 1)) {
    sl_ast_str *e = &table[i];
    if (!e->data || (e->len == n && !memcmp(e->data, s, n))) return e;
  }
}

static void names_grow(sl_parser *p) {
  size_t cap = p->names_cap ? p->names_cap * 2 : 256;
  sl_ast_str *t = sl__arena_alloc(p->keep, cap * sizeof *t);
  if (!t) sl__parse_nomem(p);
  for (size_t i = 0; i < p->names_cap; i++)
    if (p->names[i].data) *name_slot(t, cap, p->names[i].data, p->names[i].len) = p->names[i];
  p->names = t;
  p->names_cap = cap;
}

sl_ast_str sl__parse_ident(sl_parser *p, const sl_token *t) {
  /* Identifiers repeat (a module of N functions names `self`, `x`, ...
   * thousands of times): one copy each. Load factor at most 1/2. */
  if (2 * (p->names_n + 1) > p->names_cap) names_grow(p);
  const char *s = p->src + t->start;
  sl_ast_str *e = name_slot(p->names, p->names_cap, s, t->len);
  if (!e->data) {
    char *d = sl__arena_strndup(p->keep, s, t->len);
    if (!d) sl__parse_nomem(p);
    *e = (sl_ast_str){d, t->len};
    p->names_n++;
  }
  return *e;
}

/* The size class of a block of at least `bytes` bytes: 16 << k. */
static unsigned vclass_of(size_t bytes) {
  unsigned k = 0;
  while (k + 1 < SL_PARSER_VCLASSES && ((size_t)16 << k) < bytes) k++;
  return k;
}

void sl__vec_release(sl_parser *p, sl_vec *v, size_t size) {
  /* Storage from sl__vec_push is a whole class (16 << k bytes) holding
   * cap = (16 << k) / size elements, so cap * size is more than half of
   * it: vclass_of finds k again. */
  if (v->cap) {
    unsigned k = vclass_of(v->cap * size);
    *(void **)v->data = p->vfree[k];
    p->vfree[k] = v->data;
  }
  v->data = NULL;
  v->n = v->cap = 0;
}

void sl__vec_push(sl_parser *p, sl_vec *v, const void *elem, size_t size) {
  if (v->n == v->cap) {
    /* Room for at least two more elements, in a whole size class, taken
     * from storage another vector outgrew when there is some. */
    unsigned k = vclass_of((v->cap ? v->cap * 2 : 2) * size);
    size_t bytes = (size_t)16 << k;
    if (bytes < (v->n + 1) * size) sl__parse_nomem(p); /* past the largest class */
    void *d = p->vfree[k];
    if (d)
      p->vfree[k] = *(void **)d;
    else
      d = sl__parse_alloc(p, bytes);
    size_t n = v->n;
    if (n) memcpy(d, v->data, n * size);
    sl__vec_release(p, v, size);
    v->data = d;
    v->n = n;
    v->cap = bytes / size;
  }
  memcpy((char *)v->data + v->n * size, elem, size);
  v->n++;
}

sl_ast_expr *sl__parse_new_expr(sl_parser *p, sl_ast_expr_kind kind, uint32_t line, uint32_t col) {
  sl_ast_expr *e = sl__parse_alloc(p, sizeof *e);
  e->kind = kind;
  e->line = line;
  e->col = col;
  e->height = 1;
  return e;
}

static uint32_t h(const sl_ast_expr *e) { return e ? e->height : 0; }

static uint32_t hmax(uint32_t a, uint32_t b) { return a > b ? a : b; }

static uint32_t harr(sl_ast_expr *const *v, size_t n) {
  uint32_t m = 0;
  for (size_t i = 0; i < n; i++) m = hmax(m, h(v[i]));
  return m;
}

static uint32_t hparams(const sl_ast_params *a) {
  return a ? hmax(harr(a->defaults, a->n_defaults), harr(a->kw_defaults, a->n_kwonly)) : 0;
}

/* Byte offset of the start of a line (error path only: O(file size)). */
size_t sl__parse_line_offset(const sl_parser *p, uint32_t line) {
  size_t off = 0;
  for (uint32_t l = 1; l < line && off < p->len; off++)
    if (p->src[off] == '\n' ||
        (p->src[off] == '\r' && (off + 1 >= p->len || p->src[off + 1] != '\n')))
      l++;
  return off;
}

void sl__parse_finish_expr(sl_parser *p, sl_ast_expr *e) {
  uint32_t m = 0;
  switch (e->kind) {
  case SL_EXPR_CONST:
  case SL_EXPR_NAME: break;
  case SL_EXPR_FSTRING: m = harr(e->u.fstring.parts, e->u.fstring.n); break;
  case SL_EXPR_FORMATTED: m = hmax(h(e->u.formatted.value), h(e->u.formatted.format_spec)); break;
  case SL_EXPR_TUPLE:
  case SL_EXPR_LIST:
  case SL_EXPR_SET: m = harr(e->u.seq.elts, e->u.seq.n); break;
  case SL_EXPR_DICT:
    m = hmax(harr(e->u.dict.keys, e->u.dict.n), harr(e->u.dict.values, e->u.dict.n));
    break;
  case SL_EXPR_LISTCOMP:
  case SL_EXPR_SETCOMP:
  case SL_EXPR_DICTCOMP:
  case SL_EXPR_GENEXP:
    m = hmax(h(e->u.comp.elt), hmax(h(e->u.comp.key), h(e->u.comp.value)));
    for (size_t i = 0; i < e->u.comp.n_gens; i++) {
      const sl_ast_comprehension *g = &e->u.comp.gens[i];
      m = hmax(m, hmax(h(g->target), hmax(h(g->iter), harr(g->ifs, g->n_ifs))));
    }
    break;
  case SL_EXPR_BOOLOP: m = harr(e->u.boolop.values, e->u.boolop.n); break;
  case SL_EXPR_BINOP: m = hmax(h(e->u.binop.left), h(e->u.binop.right)); break;
  case SL_EXPR_UNARYOP: m = h(e->u.unaryop.operand); break;
  case SL_EXPR_COMPARE:
    m = hmax(h(e->u.compare.left), harr(e->u.compare.comparators, e->u.compare.n));
    break;
  case SL_EXPR_IFEXP:
    m = hmax(h(e->u.ifexp.test), hmax(h(e->u.ifexp.body), h(e->u.ifexp.orelse)));
    break;
  case SL_EXPR_LAMBDA: m = hmax(h(e->u.lambda.body), hparams(e->u.lambda.params)); break;
  case SL_EXPR_NAMEDEXPR: m = hmax(h(e->u.namedexpr.target), h(e->u.namedexpr.value)); break;
  case SL_EXPR_AWAIT:
  case SL_EXPR_YIELD:
  case SL_EXPR_YIELD_FROM: m = h(e->u.await.value); break;
  case SL_EXPR_CALL:
    m = hmax(h(e->u.call.func), harr(e->u.call.args, e->u.call.n_args));
    for (size_t i = 0; i < e->u.call.n_keywords; i++) m = hmax(m, h(e->u.call.keywords[i].value));
    break;
  case SL_EXPR_ATTRIBUTE: m = h(e->u.attribute.value); break;
  case SL_EXPR_SUBSCRIPT: m = hmax(h(e->u.subscript.value), h(e->u.subscript.index)); break;
  case SL_EXPR_SLICE:
    m = hmax(h(e->u.slice.lower), hmax(h(e->u.slice.upper), h(e->u.slice.step)));
    break;
  case SL_EXPR_STARRED: m = h(e->u.starred.value); break;
  }
  e->height = m + 1;
  if (e->height > SL_AST_MAX_HEIGHT)
    sl__parse_fail_pos(p, e->line, e->col, sl__parse_line_offset(p, e->line),
                       "expression too deeply nested (simloop limit: %d levels)",
                       SL_AST_MAX_HEIGHT);
}

/* ---- entry point ------------------------------------------------------------ */

/* The only setjmps: each kept in a function of its own whose locals never
 * change after it, so nothing is clobbered by the longjmp. Return NULL
 * (or -1) with *p->diag filled on any error. */
static sl_ast_module *parse_protected(sl_parser *p) {
  jmp_buf env;
  p->fail = &env;
  if (setjmp(env) != 0) return NULL;
  sl_ast_module *m = sl__parse_alloc(p, sizeof *m);
  m->arena = p->arena;
  m->filename = sl__parse_str(p, p->filename, strlen(p->filename));
  m->body = sl__parse_file(p);
  return m;
}

/* A statement's nodes are freed once `each` has seen it: the arena is
 * replaced, and the vector storage it held forgotten. */
static void drop_statement(sl_parser *p) {
  sl_arena *fresh = sl__arena_new();
  if (!fresh) sl__parse_nomem(p);
  sl__arena_free(p->arena);
  p->arena = fresh;
  memset(p->vfree, 0, sizeof p->vfree);
}

static int parse_each_protected(sl_parser *p, sl_ast_module *m, sl_parse_each_fn each, void *ctx) {
  jmp_buf env;
  p->fail = &env;
  if (setjmp(env) != 0) return -1;
  while (!sl__parse_at(p, SL_TOK_ENDMARKER)) {
    sl_vec v = {0};
    sl__parse_top_statement(p, &v);
    sl_ast_stmt **stmts = v.data;
    for (size_t i = 0; i < v.n; i++) {
      /* `each` allocates as its caller does (into an image, say); the
       * parser's own memory never goes there (sl_parse_each). */
      sl_image_unhold(p->held);
      int stop = each(ctx, m, stmts[i]);
      p->held = sl_image_hold();
      if (stop) return 1;
    }
    drop_statement(p);
  }
  return 0;
}

/* The lexer and parser are large (fixed stacks, no allocation), so they
 * are heap-allocated once rather than placed on the caller's stack. */
typedef struct parse_state {
  sl_lexer lx;
  sl_parser p;
} parse_state;

static parse_state *state_new(const char *filename, const char *src, size_t len, sl_diag *diag) {
  sl_diag_clear(diag);
  if (len > (size_t)UINT32_MAX / 2) {
    sl_diag_set(diag, SL_DIAG_LIMIT, filename, NULL, 0, 0, 0, 0, NULL, NULL,
                "source too large (simloop limit: 2 GiB)");
    return NULL;
  }
  parse_state *st = sl_malloc(sizeof *st);
  if (!st) {
    sl_diag_set_nomem(diag, filename);
    return NULL;
  }
  memset(st, 0, sizeof *st);
  sl_lexer_init(&st->lx, filename, src, len);
  sl_parser *p = &st->p;
  p->filename = filename;
  p->src = src;
  p->len = len;
  p->lx = &st->lx;
  p->diag = diag;
  return st;
}

sl_ast_module *sl_parse(const char *filename, const char *src, size_t len, sl_diag *diag) {
  if (!filename) filename = "<input>";
  if (!src) len = 0, src = "";
  parse_state *st = state_new(filename, src, len, diag);
  if (!st) return NULL;
  sl_parser *p = &st->p;
  p->arena = p->keep = sl__arena_new();
  sl_ast_module *m = NULL;
  if (!p->arena) {
    sl_diag_set_nomem(diag, filename);
  } else {
    m = parse_protected(p);
    if (!m) sl__arena_free(p->arena);
  }
  sl_free(st);
  return m;
}

int sl_parse_each(const char *filename, const char *src, size_t len, sl_diag *diag,
                  sl_parse_each_fn each, void *ctx) {
  if (!filename) filename = "<input>";
  if (!src) len = 0, src = "";
  /* The tree is freed statement by statement: while an image records
   * (core/alloc.h) it must not be allocated there. */
  bool held = sl_image_hold();
  parse_state *st = state_new(filename, src, len, diag);
  if (!st) {
    sl_image_unhold(held);
    return -1;
  }
  sl_parser *p = &st->p;
  p->held = held;
  p->keep = sl__arena_new();
  p->arena = sl__arena_new();
  sl_ast_module *m = p->keep ? sl__arena_alloc(p->keep, sizeof *m) : NULL;
  char *name = m ? sl__arena_strndup(p->keep, filename, strlen(filename)) : NULL;
  int rc = -1;
  if (!p->arena || !name) {
    sl_diag_set_nomem(diag, filename);
  } else {
    m->arena = p->keep;
    m->filename = (sl_ast_str){name, strlen(filename)};
    rc = parse_each_protected(p, m, each, ctx);
  }
  sl__arena_free(p->arena);
  sl__arena_free(p->keep);
  sl_free(st);
  sl_image_unhold(held);
  return rc;
}
