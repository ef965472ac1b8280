/* Text from the user's files (names, assertion messages) on the way to a
 * terminal or into a command line the user will paste. */
#ifndef SL_SIM_QUOTE_H
#define SL_SIM_QUOTE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/strbuf.h"

/* Appends `s` as one shell word: as it is when it holds only characters
 * no shell treats specially, else in single quotes ('it'\''s'); a word
 * with control characters is written $'...' with \xHH escapes (bash, zsh,
 * ksh, and POSIX.1-2024 sh). */
void sl_shell_quote(sl_strbuf *out, const char *s);

/* Appends `s` with control characters (and DEL) written as \xHH, so that
 * nothing in it can move the cursor or change the terminal; newlines and
 * tabs stay when `keep_lines`. */
void sl_term_escape(sl_strbuf *out, const char *s, bool keep_lines);

/* fputs of sl_term_escape(s, keep_lines). */
void sl_term_puts(FILE *f, const char *s, bool keep_lines);

#endif
