/* String literals: adjacent-literal concatenation and f-strings.
 *
 * Mirrors CPython 3.11's Parser/string_parser.c: an f-string is lexed as
 * one STRING token, then split here into literal chunks and {fields}; each
 * field's expression is parsed by a lexer over that slice of the source,
 * so positions inside fields are exact. As before 3.12, a field may not
 * reuse the enclosing quote, nor contain a backslash or '#'. */
#include <stdio.h>
#include <string.h>

#include "core/lang/parser-int.h"

#define MAX_SPEC_LEVEL 2 /* CPython: "f-string: expressions nested too deeply" */

/* A position inside the source, advanced byte by byte like the lexer. */
typedef struct fpos {
  size_t off;
  uint32_t line, col;
} fpos;

static void fadv(const sl_parser *p, fpos *f) {
  unsigned char c = (unsigned char)p->src[f->off++];
  if (c == '\n' || (c == '\r' && (f->off >= p->len || p->src[f->off] != '\n'))) {
    f->line++;
    f->col = 1;
  } else if (c != '\r' && (c & 0xC0) != 0x80) {
    f->col++;
  }
}

_Noreturn static void ffail(sl_parser *p, const fpos *f, const char *msg) {
  sl__parse_fail_pos(p, f->line, f->col, f->off, "%s", msg);
}

/* Appends literal text as a CONST str part, merging with a preceding one. */
static void add_literal(sl_parser *p, sl_vec *parts, const sl_token *t, const char *s, size_t n) {
  if (n == 0) return;
  sl_ast_expr **v = parts->data;
  if (parts->n && v[parts->n - 1]->kind == SL_EXPR_CONST) {
    sl_ast_str *prev = &v[parts->n - 1]->u.constant.u.s;
    char *d = sl__parse_alloc(p, prev->len + n + 1);
    memcpy(d, prev->data, prev->len);
    memcpy(d + prev->len, s, n);
    prev->data = d;
    prev->len += n;
    return;
  }
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_CONST, t->line, t->col);
  e->u.constant.kind = SL_CONST_STR;
  e->u.constant.u.s = sl__parse_str(p, s, n);
  sl__vec_push(p, parts, &e, sizeof e);
}

/* Decodes raw source bytes [from->off, to) of a literal chunk, escapes
 * included (unless raw), into buf at *n. */
static void decode_chunk(sl_parser *p, unsigned flags, const fpos *from, size_t to, char *buf,
                         size_t *n) {
  size_t out = 0;
  if (to <= from->off) return;
  if (!sl__lexer_decode(p->lx, flags, from->off, to - from->off, from->line, from->col, buf + *n,
                        &out, p->diag))
    longjmp(*p->fail, 1);
  *n += out;
}

/* Parses the expression source [s, e) of a field with a lexer of its own,
 * then restores the enclosing token stream. */
static sl_ast_expr *parse_field_expr(sl_parser *p, const fpos *s, size_t e) {
  sl_lexer sub;
  sl_lexer_init_fstring_expr(&sub, p->filename, p->src, p->len, s->off, e, s->line, s->col);
  sl_lexer *saved_lx = p->lx;
  sl_token saved_ring[SL_PARSER_LOOKAHEAD];
  memcpy(saved_ring, p->ring, sizeof saved_ring);
  unsigned head = p->head, count = p->count;
  uint32_t pl = p->prev_end_line, pc = p->prev_end_col;
  size_t po = p->prev_end_off;
  p->lx = &sub;
  p->head = p->count = 0;
  sl_ast_expr *v = sl__parse_star_expressions(p);
  if (v->kind == SL_EXPR_STARRED)
    sl__parse_fail_pos(p, v->line, v->col, s->off, "can't use starred expression here");
  if (!sl__parse_at(p, SL_TOK_ENDMARKER)) sl__parse_syntax(p, CUR(p), "f-string: expecting '}'");
  p->lx = saved_lx;
  memcpy(p->ring, saved_ring, sizeof saved_ring);
  p->head = head;
  p->count = count;
  p->prev_end_line = pl, p->prev_end_col = pc, p->prev_end_off = po;
  return v;
}

static void parse_parts(sl_parser *p, const sl_token *t, fpos f, size_t end, int level,
                        sl_vec *parts);

/* Parses one {field} starting at f (on the '{'); leaves f past the '}'. */
static void parse_field(sl_parser *p, const sl_token *t, fpos *f, size_t end, int level,
                        sl_vec *parts) {
  fpos open = *f;
  if (level >= MAX_SPEC_LEVEL) ffail(p, f, "f-string: expressions nested too deeply");
  fadv(p, f);
  fpos expr = *f;
  int depth = 0;
  char quote = 0;
  bool triple = false;
  while (f->off < end) {
    char c = p->src[f->off];
    char n1 = f->off + 1 < end ? p->src[f->off + 1] : 0;
    char n2 = f->off + 2 < end ? p->src[f->off + 2] : 0;
    if (c == '\\') ffail(p, f, "f-string expression part cannot include a backslash");
    if (quote) {
      if (c == quote && (!triple || (n1 == quote && n2 == quote))) {
        if (triple) fadv(p, f), fadv(p, f);
        quote = 0;
      }
      fadv(p, f);
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      triple = n1 == c && n2 == c;
      if (triple) fadv(p, f), fadv(p, f);
      fadv(p, f);
      continue;
    }
    if (c == '#') ffail(p, f, "f-string expression part cannot include '#'");
    if (c == '(' || c == '[' || c == '{') {
      depth++;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) {
        if (c == '}') break;
        ffail(p, f, c == ')' ? "f-string: unmatched ')'" : "f-string: unmatched ']'");
      }
      depth--;
    } else if (depth == 0) {
      char prev = f->off > expr.off ? p->src[f->off - 1] : 0;
      if ((c == '!' && n1 != '=') || c == ':') break;
      if (c == '=' && n1 != '=' && prev != '=' && prev != '!' && prev != '<' && prev != '>') break;
    }
    fadv(p, f);
  }
  if (f->off >= end) ffail(p, &open, "f-string: expecting '}'");
  size_t expr_end = f->off;
  bool blank = true;
  for (size_t i = expr.off; i < expr_end; i++)
    if (!strchr(" \t\r\n\f", p->src[i])) blank = false;
  if (blank) ffail(p, f, "f-string: empty expression not allowed");
  sl_ast_expr *value = parse_field_expr(p, &expr, expr_end);

  sl_ast_expr *fv = sl__parse_new_expr(p, SL_EXPR_FORMATTED, open.line, open.col);
  fv->u.formatted.value = value;
  bool self_doc = false;
  if (p->src[f->off] == '=') { /* f"{x = }": the text, then repr(x) */
    self_doc = true;
    fadv(p, f);
    while (f->off < end && strchr(" \t\r\n\f", p->src[f->off])) fadv(p, f);
    add_literal(p, parts, t, p->src + expr.off, f->off - expr.off);
  }
  if (f->off < end && p->src[f->off] == '!') {
    fadv(p, f);
    char c = f->off < end ? p->src[f->off] : 0;
    if (c != 'r' && c != 's' && c != 'a') {
      if (c == '}' || c == ':' || c == 0) ffail(p, f, "f-string: missing conversion character");
      char msg[96];
      snprintf(msg, sizeof msg,
               "f-string: invalid conversion character '%c': expected 's', 'r', or 'a'", c);
      ffail(p, f, msg);
    }
    fv->u.formatted.conversion = c;
    fadv(p, f);
  }
  if (f->off < end && p->src[f->off] == ':') {
    fadv(p, f);
    fpos spec = *f;
    int d = 0;
    while (f->off < end && (p->src[f->off] != '}' || d > 0)) {
      if (p->src[f->off] == '{') d++;
      if (p->src[f->off] == '}') d--;
      fadv(p, f);
    }
    if (f->off >= end) ffail(p, &open, "f-string: expecting '}'");
    sl_vec sp = {0};
    parse_parts(p, t, spec, f->off, level + 1, &sp);
    sl_ast_expr *s = sl__parse_new_expr(p, SL_EXPR_FSTRING, spec.line, spec.col);
    s->u.fstring.parts = sp.data;
    s->u.fstring.n = sp.n;
    sl__parse_finish_expr(p, s);
    fv->u.formatted.format_spec = s;
  }
  if (f->off >= end || p->src[f->off] != '}') ffail(p, f, "f-string: expecting '}'");
  fadv(p, f);
  if (self_doc && !fv->u.formatted.conversion && !fv->u.formatted.format_spec)
    fv->u.formatted.conversion = 'r';
  sl__parse_finish_expr(p, fv);
  sl__vec_push(p, parts, &fv, sizeof fv);
}

/* Splits body bytes [f.off, end) into literal chunks and fields. */
static void parse_parts(sl_parser *p, const sl_token *t, fpos f, size_t end, int level,
                        sl_vec *parts) {
  unsigned flags = t->u.s.flags;
  char *buf = sl__parse_alloc(p, end - f.off + 1);
  size_t n = 0;
  fpos chunk = f;
  while (f.off < end) {
    char c = p->src[f.off];
    if (c != '{' && c != '}') {
      fadv(p, &f);
      continue;
    }
    decode_chunk(p, flags, &chunk, f.off, buf, &n);
    if (f.off + 1 < end && p->src[f.off + 1] == c) { /* "{{" or "}}" */
      buf[n++] = c;
      fadv(p, &f);
      fadv(p, &f);
    } else if (c == '}') {
      ffail(p, &f, "f-string: single '}' is not allowed");
    } else {
      add_literal(p, parts, t, buf, n);
      n = 0;
      parse_field(p, t, &f, end, level, parts);
    }
    chunk = f;
  }
  decode_chunk(p, flags, &chunk, end, buf, &n);
  add_literal(p, parts, t, buf, n);
}

sl_ast_expr *sl__parse_strings(sl_parser *p) {
  sl_token first = *CUR(p);
  bool bytes = first.u.s.flags & SL_STR_BYTES, any_f = false;
  sl_vec toks = {0};
  while (sl__parse_at(p, SL_TOK_STRING)) {
    sl_token t = *CUR(p);
    if (((t.u.s.flags & SL_STR_BYTES) != 0) != bytes)
      sl__parse_syntax(p, &t, "cannot mix bytes and nonbytes literals");
    if (t.u.s.flags & SL_STR_FMT) any_f = true;
    sl__vec_push(p, &toks, &t, sizeof t);
    sl__parse_next(p);
  }
  const sl_token *tv = toks.data;
  if (!any_f) {
    size_t total = 0;
    for (size_t i = 0; i < toks.n; i++) total += tv[i].u.s.body_len;
    char *buf = sl__parse_alloc(p, total + 1);
    size_t n = 0;
    for (size_t i = 0; i < toks.n; i++) {
      fpos f = {tv[i].u.s.body_start, tv[i].u.s.body_line, tv[i].u.s.body_col};
      decode_chunk(p, tv[i].u.s.flags, &f, f.off + tv[i].u.s.body_len, buf, &n);
    }
    buf[n] = '\0';
    sl__vec_release(p, &toks, sizeof(sl_token)); /* no node keeps the tokens */
    sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_CONST, first.line, first.col);
    e->u.constant.kind = bytes ? SL_CONST_BYTES : SL_CONST_STR;
    e->u.constant.u.s = (sl_ast_str){buf, n};
    return e;
  }
  sl_vec parts = {0};
  for (size_t i = 0; i < toks.n; i++) {
    fpos f = {tv[i].u.s.body_start, tv[i].u.s.body_line, tv[i].u.s.body_col};
    size_t end = f.off + tv[i].u.s.body_len;
    if (tv[i].u.s.flags & SL_STR_FMT) {
      parse_parts(p, &tv[i], f, end, 0, &parts);
    } else {
      char *buf = sl__parse_alloc(p, tv[i].u.s.body_len + 1);
      size_t n = 0;
      decode_chunk(p, tv[i].u.s.flags, &f, end, buf, &n);
      add_literal(p, &parts, &tv[i], buf, n);
    }
  }
  sl_ast_expr *e = sl__parse_new_expr(p, SL_EXPR_FSTRING, first.line, first.col);
  e->u.fstring.parts = parts.data;
  e->u.fstring.n = parts.n;
  sl__parse_finish_expr(p, e);
  return e;
}
