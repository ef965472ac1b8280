/* The parser of the scenario language: source text in, AST out.
 *
 * A hand-written recursive-descent parser for simloop's subset of Python
 * (DESIGN.md section 3, docs/language.md "Syntax"). Valid Python outside the
 * subset (decorators, yield, match, ...) is rejected here, at parse time,
 * with the construct's name, so a scenario fails before it runs.
 *
 * Ownership: sl_parse borrows filename and src for the duration of the
 * call only; the returned module copies what it keeps (names, literals,
 * the file name) into its own arena. The caller owns the module and
 * releases it with sl_ast_free. */
#ifndef SL_LANG_PARSER_H
#define SL_LANG_PARSER_H

#include <stddef.h>

#include "core/lang/ast.h"
#include "core/lang/diag.h"

/* Parses a whole file. src need not be NUL-terminated and may contain any
 * bytes (NUL bytes and invalid UTF-8 are reported as errors). Returns the
 * module, or NULL with *diag filled (kind SL_DIAG_NOMEM and message
 * "out of memory" when an allocation failed; nothing is leaked then).
 * diag must not be NULL. Recursion is bounded by SL_PARSE_MAX_NESTING, so
 * hostile input cannot exhaust the C stack. */
sl_ast_module *sl_parse(const char *filename, const char *src, size_t len, sl_diag *diag);

/* Parses a file one top-level statement at a time, for a front end whose
 * memory stays a small multiple of the source (docs/performance.md "Large
 * sources"): `each` gets every top-level statement in order, with the
 * module (its file name; body empty), and the statement's nodes are freed
 * once it returns. Identifiers (sl_ast_str of names) stay valid until
 * sl_parse_each returns; every other string and node of a statement only
 * during its call. `each` returns 0 to go on, non-zero to stop.
 * Returns 0 when the whole file parsed, 1 when `each` stopped it, -1 with
 * *diag filled on a syntax error or no memory (statements before the
 * error have been handed to `each`). */
typedef int (*sl_parse_each_fn)(void *ctx, const sl_ast_module *mod, const sl_ast_stmt *stmt);
int sl_parse_each(const char *filename, const char *src, size_t len, sl_diag *diag,
                  sl_parse_each_fn each, void *ctx);

#endif
