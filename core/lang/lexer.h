/* The tokenizer of the scenario language.
 *
 * Mirrors CPython's Parser/tokenizer.c rules: INDENT/DEDENT from an
 * indentation stack (tabs to multiples of 8, checked against a tabs-as-one
 * reading to reject inconsistent mixes), implicit line joining inside
 * brackets, backslash continuation, comments and blank lines skipped, a
 * final NEWLINE even when the file does not end with one.
 *
 * The lexer never allocates: its stacks are fixed arrays whose sizes are
 * CPython's limits (100 indentation levels, 200 open brackets).
 *
 * Ownership: the lexer borrows `filename` and the source buffer; both must
 * outlive the lexer and every token it returns. */
#ifndef SL_LANG_LEXER_H
#define SL_LANG_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang/diag.h"
#include "core/lang/token.h"

#define SL_LEXER_MAX_INDENT      100 /* CPython's MAXINDENT */
#define SL_LEXER_MAX_PARENS      200 /* CPython's MAXLEVEL */
#define SL_LEXER_MAX_FLOAT_CHARS 500

typedef struct sl_lexer {
  const char *filename; /* borrowed */
  const char *src;      /* borrowed; the whole buffer (diagnostics show lines) */
  size_t len;           /* length of the whole buffer */
  size_t pos, end;      /* next byte to read; end of the range being lexed */
  uint32_t line, col;   /* position of pos (1-based, code points) */
  bool at_line_start;   /* indentation of a new logical line not yet measured */
  bool line_has_tokens; /* a token was emitted since the last NEWLINE */
  bool fstring_expr;    /* lexing an f-string field: no NEWLINE/INDENT */
  bool finished;        /* ENDMARKER emitted */
  bool checked;         /* the source passed the NUL / UTF-8 check */
  int pending_dedents;
  int indent_top;
  int indents[SL_LEXER_MAX_INDENT + 1];     /* columns, tabs to multiples of 8 */
  int alt_indents[SL_LEXER_MAX_INDENT + 1]; /* columns, a tab counting as 1 */
  int paren_depth;
  char paren_char[SL_LEXER_MAX_PARENS];
  uint32_t paren_line[SL_LEXER_MAX_PARENS], paren_col[SL_LEXER_MAX_PARENS];
  size_t paren_off[SL_LEXER_MAX_PARENS];
} sl_lexer;

/* Prepares to lex a whole file. Checks the source first: NUL bytes and
 * invalid UTF-8 are errors (reported by the first sl_lexer_next). A UTF-8
 * byte-order mark at the start is skipped. */
void sl_lexer_init(sl_lexer *lx, const char *filename, const char *src, size_t len);

/* Prepares to lex the expression of an f-string replacement field: bytes
 * [start, end) of src, which begin at (line, col). Newlines are ignored
 * there, as inside brackets; the token stream ends with ENDMARKER, with no
 * NEWLINE. Comments and backslashes are errors, as in CPython before 3.12. */
void sl_lexer_init_fstring_expr(sl_lexer *lx, const char *filename, const char *src, size_t len,
                                size_t start, size_t end, uint32_t line, uint32_t col);

/* Produces the next token. Returns false and fills *diag on a lexical
 * error (unterminated string, bad number, bad indentation, ...); the lexer
 * must not be used after an error. After ENDMARKER it keeps returning
 * ENDMARKER. */
bool sl_lexer_next(sl_lexer *lx, sl_token *tok, sl_diag *diag);

/* Decodes a STRING token's body into out: escapes processed unless raw;
 * str bodies stay UTF-8, bytes bodies become raw bytes. For an f-string
 * this decodes one literal chunk [start, start+n) of the body (the caller
 * has already removed the fields and turned "{{" into "{"). `out` must have room for
 * n bytes: decoding never lengthens text. Returns false with *diag filled
 * on a bad escape. */
bool sl__lexer_decode(const sl_lexer *lx, unsigned flags, size_t start, size_t n, uint32_t line,
                      uint32_t col, char *out, size_t *out_len, sl_diag *diag);

#endif
