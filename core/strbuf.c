/* Growable byte buffer (see strbuf.h). */
#include "core/strbuf.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

bool sl_strbuf_reserve(sl_strbuf *b, size_t extra) {
  if (b->failed) return false;
  if (b->len + extra + 1 <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) cap *= 2;
  char *grown = sl_realloc(b->data, cap);
  if (!grown) {
    b->failed = true;
    return false;
  }
  b->data = grown;
  b->cap = cap;
  return true;
}

void sl_strbuf_append(sl_strbuf *b, const char *s, size_t len) {
  if (!sl_strbuf_reserve(b, len)) return;
  if (len) memcpy(b->data + b->len, s, len);
  b->len += len;
  b->data[b->len] = '\0';
}

void sl_strbuf_puts(sl_strbuf *b, const char *s) { sl_strbuf_append(b, s, strlen(s)); }

void sl_strbuf_put_int(sl_strbuf *b, long long n) {
  char digits[24];
  size_t i = sizeof digits;
  unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
  do digits[--i] = (char)('0' + u % 10);
  while (u /= 10);
  if (n < 0) digits[--i] = '-';
  sl_strbuf_append(b, digits + i, sizeof digits - i);
}

void sl_strbuf_putc(sl_strbuf *b, char c) {
  if (b->len + 2 <= b->cap && !b->failed) { /* the common case: room left */
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return;
  }
  sl_strbuf_append(b, &c, 1);
}

void sl_strbuf_vprintf(sl_strbuf *b, const char *fmt, va_list ap) {
  /* Format straight into the free space first: most texts fit, and
   * formatting twice (measure, then write) was most of the cost of
   * writing a trace. Only a text that did not fit is formatted again. */
  if (b->failed) return;
  /* An empty buffer gets its first block now, which formatting would
   * make anyway: most texts then format once, not twice. */
  if (!b->cap && !sl_strbuf_reserve(b, 0)) return;
  size_t room = b->cap > b->len ? b->cap - b->len : 0;
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, copy);
  va_end(copy);
  if (n < 0) {
    if (room) b->data[b->len] = '\0';
    return;
  }
  if ((size_t)n >= room) {
    if (!sl_strbuf_reserve(b, (size_t)n)) {
      if (room) b->data[b->len] = '\0';
      return;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  }
  b->len += (size_t)n;
}

void sl_strbuf_printf(sl_strbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sl_strbuf_vprintf(b, fmt, ap);
  va_end(ap);
}

const char *sl_strbuf_cstr(sl_strbuf *b) { return b->data && b->len ? b->data : ""; }

char *sl_strbuf_take(sl_strbuf *b, size_t *len_out) {
  if (b->failed || !sl_strbuf_reserve(b, 0)) {
    sl_strbuf_free(b);
    return NULL;
  }
  char *data = b->data;
  if (len_out) *len_out = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return data;
}

void sl_strbuf_clear(sl_strbuf *b) {
  b->len = 0;
  b->failed = false;
  if (b->data) b->data[0] = '\0';
}

void sl_strbuf_free(sl_strbuf *b) {
  sl_free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
  b->failed = false;
}
