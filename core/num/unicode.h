/* Python text at the code point level, on UTF-8 bytes: decoding, the
 * ASCII view int()/float() parse, and repr() of str and bytes.
 *
 * Ownership: functions append to caller-owned sl_strbuf buffers and keep
 * nothing; an allocation failure shows as the buffer's `failed` flag. */
#ifndef SL_UNICODE_H
#define SL_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

/* repr(s) of a Python str given as UTF-8. Printability of non-ASCII code
 * points is approximated (see unicode.c); invalid UTF-8 bytes show as
 * '\udcNN', as Python's surrogateescape would hold them. */
void sl_str_repr(sl_strbuf *out, const char *utf8, size_t len);
/* repr(b) of a bytes object: b'...'. */
void sl_bytes_repr(sl_strbuf *out, const unsigned char *b, size_t len);

/* Decodes the UTF-8 sequence at s[*i] (i < len) and advances *i past it.
 * An invalid byte yields U+DC80+byte, as Python's surrogateescape error
 * handler would hold it, and advances by one. Overlong forms and encoded
 * surrogates are not rejected (simloop's own strings are valid UTF-8). */
uint32_t sl__utf8_next(const unsigned char *s, size_t len, size_t *i);

/* The ASCII character int() and float() see for code point c, as
 * _PyUnicode_TransformDecimalAndSpaceToASCII maps it: ASCII as is,
 * Unicode whitespace as ' ', decimal digits as '0'..'9', anything else as
 * '?' (which no parser accepts). */
char sl__unicode_ascii_view(uint32_t c);

#endif
