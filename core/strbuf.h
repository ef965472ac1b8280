/* A growable byte buffer for building text (reprs, messages, traces).
 *
 * Owns its bytes; sl_strbuf_free releases them. Once an append fails for
 * lack of memory the buffer is marked failed and later appends are no-ops,
 * so a caller can build a whole string and check once at the end. */
#ifndef SL_STRBUF_H
#define SL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct sl_strbuf {
  char *data; /* owned; NUL-terminated when len > 0 or after any append */
  size_t len;
  size_t cap;
  bool failed; /* an allocation failed; contents are incomplete */
} sl_strbuf;

#define SL_STRBUF_INIT                                                                             \
  { NULL, 0, 0, false }

bool sl_strbuf_reserve(sl_strbuf *b, size_t extra);
void sl_strbuf_append(sl_strbuf *b, const char *s, size_t len);
void sl_strbuf_puts(sl_strbuf *b, const char *s);
void sl_strbuf_putc(sl_strbuf *b, char c);
/* "%lld" by hand: printf costs ~1,000 instructions a call, and print() of
 * an int, tracebacks and failure reports write many. */
void sl_strbuf_put_int(sl_strbuf *b, long long n);
void sl_strbuf_printf(sl_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sl_strbuf_vprintf(sl_strbuf *b, const char *fmt, va_list ap);
/* Returns the NUL-terminated contents ("" when empty); still owned by b. */
const char *sl_strbuf_cstr(sl_strbuf *b);
/* Transfers ownership of the bytes to the caller (NULL if failed). */
char *sl_strbuf_take(sl_strbuf *b, size_t *len_out);
void sl_strbuf_clear(sl_strbuf *b);
void sl_strbuf_free(sl_strbuf *b);

#endif
