/* Shell words and terminal-safe text (quote.h). */
#include "sim/quote.h"

#include <string.h>

static bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

void sl_shell_quote(sl_strbuf *out, const char *s) {
  static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                             "0123456789_./:=+,-@%";
  bool plain = *s != '\0', control = false;
  for (const char *p = s; *p; p++) {
    if (!strchr(safe, *p)) plain = false;
    if (is_control((unsigned char)*p)) control = true;
  }
  if (plain) {
    sl_strbuf_puts(out, s);
    return;
  }
  if (!control) {
    sl_strbuf_putc(out, '\'');
    for (const char *p = s; *p; p++)
      if (*p == '\'')
        sl_strbuf_puts(out, "'\\''");
      else
        sl_strbuf_putc(out, *p);
    sl_strbuf_putc(out, '\'');
    return;
  }
  sl_strbuf_puts(out, "$'");
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (is_control(*p))
      sl_strbuf_printf(out, "\\x%02x", *p);
    else if (*p == '\'' || *p == '\\')
      sl_strbuf_printf(out, "\\%c", *p);
    else
      sl_strbuf_putc(out, (char)*p);
  }
  sl_strbuf_putc(out, '\'');
}

void sl_term_escape(sl_strbuf *out, const char *s, bool keep_lines) {
  for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
    if (is_control(*p) && !(keep_lines && (*p == '\n' || *p == '\t')))
      sl_strbuf_printf(out, "\\x%02x", *p);
    else
      sl_strbuf_putc(out, (char)*p);
  }
}

void sl_term_puts(FILE *f, const char *s, bool keep_lines) {
  sl_strbuf b = SL_STRBUF_INIT;
  sl_term_escape(&b, s, keep_lines);
  fputs(b.failed ? "(out of memory)" : sl_strbuf_cstr(&b), f);
  sl_strbuf_free(&b);
}
