/* Diagnostics: filling and formatting (see diag.h). Nothing here
 * allocates except sl_diag_format's output buffer. */
#include "core/lang/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sl_diag_clear(sl_diag *d) { memset(d, 0, sizeof *d); }

/* Copies at most cap-1 bytes, never splitting a UTF-8 sequence, so a
 * truncated text is still valid UTF-8. */
static void copy_text(char *dst, size_t cap, const char *src, size_t n) {
  if (n >= cap) {
    n = cap - 1;
    while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
  }
  memcpy(dst, src, n);
  dst[n] = '\0';
}

void sl_diag_set(sl_diag *d, sl_diag_kind kind, const char *filename, const char *src, size_t len,
                 size_t offset, uint32_t line, uint32_t col, const char *construct,
                 const char *hint, const char *fmt, ...) {
  sl_diag_clear(d);
  d->kind = kind;
  d->line = line;
  d->col = col;
  if (filename) copy_text(d->filename, sizeof d->filename, filename, strlen(filename));
  if (construct) copy_text(d->construct, sizeof d->construct, construct, strlen(construct));
  if (hint) copy_text(d->hint, sizeof d->hint, hint, strlen(hint));
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->message, sizeof d->message, fmt, ap);
  va_end(ap);
  if (src && line > 0) {
    if (offset > len) offset = len;
    /* Find the physical line holding offset; "\r\n" and "\r" end lines too. */
    size_t b = offset;
    while (b > 0 && src[b - 1] != '\n' && src[b - 1] != '\r') b--;
    size_t e = offset;
    while (e < len && src[e] != '\n' && src[e] != '\r' && src[e] != '\0') e++;
    copy_text(d->source_line, sizeof d->source_line, src + b, e - b);
  }
}

void sl_diag_set_nomem(sl_diag *d, const char *filename) {
  sl_diag_set(d, SL_DIAG_NOMEM, filename, NULL, 0, 0, 0, 0, NULL, NULL, "out of memory");
}

void sl_diag_format(const sl_diag *d, sl_strbuf *out) {
  const char *file = d->filename[0] ? d->filename : "<input>";
  if (d->line > 0)
    sl_strbuf_printf(out, "%s:%u:%u: error: %s\n", file, (unsigned)d->line, (unsigned)d->col,
                     d->message);
  else
    sl_strbuf_printf(out, "%s: error: %s\n", file, d->message);
  if (d->line > 0 && d->source_line[0]) {
    sl_strbuf_printf(out, "    %s\n    ", d->source_line);
    /* Walk col-1 code points of the line, echoing tabs so the caret lands
     * under the right character whatever the terminal's tab width. */
    const unsigned char *p = (const unsigned char *)d->source_line;
    uint32_t cp = 1;
    while (*p && cp < d->col) {
      sl_strbuf_putc(out, *p == '\t' ? '\t' : ' ');
      p++;
      while ((*p & 0xC0) == 0x80) p++;
      cp++;
    }
    while (cp < d->col) { /* column past the copied (maybe truncated) text */
      sl_strbuf_putc(out, ' ');
      cp++;
    }
    sl_strbuf_puts(out, "^\n");
  }
  if (d->hint[0]) sl_strbuf_printf(out, "hint: %s\n", d->hint);
}
