/* Diagnostics of the scenario language: one error, with where and why.
 *
 * A diagnostic is a plain value with fixed-size buffers, so it can be
 * filled without allocating: reporting "out of memory" must itself never
 * need memory. Long texts (a 10,000-character source line) are truncated.
 *
 * Positions: line is 1-based; column is 1-based and counted in Unicode code
 * points from the start of the line, as CPython's SyntaxError caret does
 * (a tab counts as one column). 0 means "no position" (out of memory). */
#ifndef SL_LANG_DIAG_H
#define SL_LANG_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

typedef enum sl_diag_kind {
  SL_DIAG_NONE = 0,
  SL_DIAG_SYNTAX,      /* CPython would raise SyntaxError / IndentationError */
  SL_DIAG_UNSUPPORTED, /* valid Python outside simloop's subset */
  SL_DIAG_LIMIT,       /* a simloop limit: nesting depth */
  SL_DIAG_NOMEM,       /* an allocation failed: message is "out of memory" */
} sl_diag_kind;

#define SL_DIAG_TEXT_MAX 512

typedef struct sl_diag {
  sl_diag_kind kind;
  char filename[SL_DIAG_TEXT_MAX];
  uint32_t line, col;                 /* see the header comment */
  char message[SL_DIAG_TEXT_MAX];     /* "invalid syntax", "'yield' is not ..." */
  char construct[64];                 /* "yield", "decorator"; "" for syntax errors */
  char hint[SL_DIAG_TEXT_MAX];        /* what to do instead; "" when none */
  char source_line[SL_DIAG_TEXT_MAX]; /* the offending line, without newline */
} sl_diag;

/* Resets d to "no error". */
void sl_diag_clear(sl_diag *d);

/* Fills d (overwriting it). `offset` is the byte offset of the error in
 * src, used to copy out the source line; src may be NULL (no line shown).
 * construct and hint may be NULL. */
void sl_diag_set(sl_diag *d, sl_diag_kind kind, const char *filename, const char *src, size_t len,
                 size_t offset, uint32_t line, uint32_t col, const char *construct,
                 const char *hint, const char *fmt, ...) __attribute__((format(printf, 11, 12)));

/* Fills d with the out-of-memory error (no position, no allocation). */
void sl_diag_set_nomem(sl_diag *d, const char *filename);

/* Appends the human-readable form to out:
 *   scenario.py:3:5: error: 'yield' is not supported by simloop (generators)
 *       yield x
 *       ^
 *   hint: rewrite without generators; see docs/language.md
 * The caret line repeats the tabs of the source line so it stays aligned.
 * Out of memory is reported through out->failed, as strbuf does. */
void sl_diag_format(const sl_diag *d, sl_strbuf *out);

#endif
