/* What the tokenizer (lexer.c) shares with the string decoder
 * (lexer_decode.c). Not installed. */
#ifndef SL_LANG_LEXER_INT_H
#define SL_LANG_LEXER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/lang/lexer.h"

/* Advances one byte, keeping line/col current. "\r\n" and a lone "\r" end a
 * line like "\n" does; UTF-8 continuation bytes do not add a column. */
void sl__lex_advance(sl_lexer *lx);

/* Fills *d with a diagnostic of `kind` at offset `off`, line:col, in lx's
 * file; the message is printf-formatted. */
void sl__lex_error_at(sl_lexer *lx, sl_diag *d, sl_diag_kind kind, size_t off, uint32_t line,
                      uint32_t col, const char *construct, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));

/* The value of a hexadecimal digit, or -1. */
int sl__lex_hexval(int c);

#endif
