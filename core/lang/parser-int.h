/* Internals shared by parser.c, parser_expr.c, parser_stmt.c and
 * parser_fstring.c. Not installed; not a contract.
 *
 * Errors unwind with longjmp to sl_parse: every allocation lives in the
 * module's arena and the token buffer is a fixed ring inside the parser,
 * so unwinding from any depth leaks nothing (sl_parse frees the arena). */
#ifndef SL_LANG_PARSER_INT_H
#define SL_LANG_PARSER_INT_H

#include <setjmp.h>
#include <stdbool.h>

#include "core/lang/ast.h"
#include "core/lang/diag.h"
#include "core/lang/lexer.h"

/* Lookahead the grammar needs: `NAME =` in calls, `not in`, `is not`,
 * `match` heuristics and the -9223372036854775808 literal need up to 3. */
#define SL_PARSER_LOOKAHEAD 4
/* Size classes of reusable vector storage: 16 bytes to 16 << 31. */
#define SL_PARSER_VCLASSES  32

typedef struct sl_parser {
  const char *filename; /* borrowed */
  const char *src;      /* borrowed */
  size_t len;
  sl_lexer *lx; /* the file's lexer, or an f-string field's while one is parsed */
  sl_token ring[SL_PARSER_LOOKAHEAD];
  unsigned head, count;                 /* ring[head] is the current token */
  uint32_t prev_end_line, prev_end_col; /* end of the last consumed token */
  size_t prev_end_off;
  sl_arena *arena; /* the tree's nodes */
  /* What outlives one top-level statement when the file is parsed a
   * statement at a time (sl_parse_each): the module, its file name, the
   * identifiers and their table. The same arena as `arena` for sl_parse. */
  sl_arena *keep;
  bool held; /* sl_parse_each: whether an image recorded before it (core/alloc.h) */
  sl_diag *diag;
  jmp_buf *fail;
  int depth;                 /* current nesting, see sl__parse_enter */
  sl_ast_expr *pending_atom; /* a pre-parsed atom (with-statement backtrack) */
  /* Context for 'return' / 'break' / 'await' checks. */
  bool in_func, in_async, in_loop, in_except_star, in_class_body;
  /* Vector storage left behind when a vector grew, by size class (16 << k
   * bytes), each block's first word linking the next: the next vector to
   * grow to that size takes it instead of new arena memory. */
  void *vfree[SL_PARSER_VCLASSES];
  /* Identifiers seen so far, each copied into `keep` once and shared by
   * every node naming it: open addressing, names_cap a power of two (0:
   * none yet). In `keep`: a larger table abandons the old one. */
  sl_ast_str *names;
  size_t names_n, names_cap;
} sl_parser;

/* A growable array in the arena (storage outgrown goes to the parser's
 * vfree lists for other vectors; the arena frees it with everything else). */
typedef struct sl_vec {
  void *data;
  size_t n, cap;
} sl_vec;

/* ---- parser.c --------------------------------------------------------- */
/* One top-level statement (or a line of `a; b; c`) appended to out. */
void sl__parse_top_statement(sl_parser *p, sl_vec *out);
sl_token *sl__parse_peek(sl_parser *p, unsigned k);
#define CUR(p)     sl__parse_peek((p), 0)
#define PEEK(p, k) sl__parse_peek((p), (k))
bool sl__parse_at(sl_parser *p, sl_tok_kind kind);
void sl__parse_next(sl_parser *p);
bool sl__parse_accept(sl_parser *p, sl_tok_kind kind);
/* Consumes a token of `kind`, else fails with "expected 'X'" pointing just
 * past the previous token, as CPython does. */
void sl__parse_expect(sl_parser *p, sl_tok_kind kind);
_Noreturn void sl__parse_fail_tok(sl_parser *p, const sl_token *t, sl_diag_kind kind,
                                  const char *construct, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
_Noreturn void sl__parse_fail_pos(sl_parser *p, uint32_t line, uint32_t col, size_t off,
                                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
_Noreturn void sl__parse_syntax(sl_parser *p, const sl_token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void sl__parse_invalid(sl_parser *p); /* "invalid syntax" at CUR */
_Noreturn void sl__parse_nomem(sl_parser *p);
/* Rejects a construct outside the subset: "'<what>' is not supported by
 * simloop (<why>)" style messages come from one table in parser.c. */
_Noreturn void sl__parse_unsupported(sl_parser *p, const sl_token *t, const char *construct);
void sl__parse_enter(sl_parser *p, const sl_token *t);
void sl__parse_leave(sl_parser *p);
void *sl__parse_alloc(sl_parser *p, size_t size);
/* Byte offset where `line` starts (error path only: O(file size)). */
size_t sl__parse_line_offset(const sl_parser *p, uint32_t line);
/* A syntax error at expression e; fmt takes two strings. Shared by the
 * expression parser and the target check (parser_target.c). */
_Noreturn static inline void fail_expr(sl_parser *p, const sl_ast_expr *e, const char *fmt,
                                       const char *a, const char *b) {
  sl__parse_fail_pos(p, e->line, e->col, sl__parse_line_offset(p, e->line) + 0, fmt, a, b);
}
sl_ast_str sl__parse_str(sl_parser *p, const char *s, size_t n);
sl_ast_str sl__parse_ident(sl_parser *p, const sl_token *t);
void sl__vec_push(sl_parser *p, sl_vec *v, const void *elem, size_t size);
/* Gives a vector's storage back for other vectors (one no node keeps). */
void sl__vec_release(sl_parser *p, sl_vec *v, size_t size);
sl_ast_expr *sl__parse_new_expr(sl_parser *p, sl_ast_expr_kind kind, uint32_t line, uint32_t col);
/* Computes e->height from its children; fails past SL_AST_MAX_HEIGHT. */
void sl__parse_finish_expr(sl_parser *p, sl_ast_expr *e);

/* ---- parser_expr.c ------------------------------------------------------ */
sl_ast_expr *sl__parse_expression(sl_parser *p);       /* test */
sl_ast_expr *sl__parse_named_expression(sl_parser *p); /* NAME := test | test */
sl_ast_expr *sl__parse_star_expressions(sl_parser *p); /* a, *b, c -> TUPLE */
sl_ast_expr *sl__parse_yield_expr(sl_parser *p);       /* yield [x] | yield from x */
sl_ast_expr *sl__parse_star_expressions_or_yield(sl_parser *p);
sl_ast_expr *sl__parse_bitor(sl_parser *p); /* no comparisons */
/* for/comprehension targets: `a, (b, *c)` up to (not including) `in`. */
sl_ast_expr *sl__parse_target_list(sl_parser *p);
/* Turns an expression into an assignment (or del) target, checking it is
 * one; `suffix` is appended to "cannot assign to X" messages. */
void sl__parse_set_ctx(sl_parser *p, sl_ast_expr *e, sl_ast_ctx ctx, const char *suffix);
const char *sl__parse_expr_name(const sl_ast_expr *e);
sl_ast_params *sl__parse_params(sl_parser *p, bool is_lambda);
/* One atom: a name, number, string(s), or bracketed display. */
sl_ast_expr *sl__parse_atom(sl_parser *p);
bool sl__parse_starts_expr(sl_tok_kind k);

/* ---- parser_fstring.c --------------------------------------------------- */
/* Parses one or more adjacent STRING tokens at CUR into a CONST str/bytes
 * or an FSTRING. */
sl_ast_expr *sl__parse_strings(sl_parser *p);

/* ---- parser_match.c ----------------------------------------------------- */
typedef sl_ast_block (*sl__block_fn)(sl_parser *p, const char *what, uint32_t line);
/* The rest of a match statement, CUR at the ':' after the subject (`start`
 * is the `match` token); `block` parses a case's indented block. */
sl_ast_stmt *sl__parse_match_rest(sl_parser *p, const sl_token *start, sl_ast_expr *subject,
                                  sl__block_fn block);
/* A statement that began as the expression `first` (starting with the name
 * `match`) and met ':' is a match statement: `match(x)`, `match[a, b]`,
 * `match -x` give the subject back. */
sl_ast_expr *sl__parse_match_subject_of(sl_parser *p, sl_ast_expr *first);

/* ---- parser_stmt.c ------------------------------------------------------ */
sl_ast_block sl__parse_file(sl_parser *p);

#endif
