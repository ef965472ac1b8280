/* {{name}} placeholders (template.h). */
#include "sim/template.h"

#include <string.h>

sl_errcode sl_template_fill(const char *tpl, const sl_template_var *vars, size_t n,
                            sl_strbuf *out) {
  const char *p = tpl;
  for (const char *open; (open = strstr(p, "{{")) != NULL;) {
    const char *close = strstr(open + 2, "}}");
    if (!close) break;
    sl_strbuf_append(out, p, (size_t)(open - p));
    size_t len = (size_t)(close - open - 2), k = 0;
    while (k < n && (strlen(vars[k].name) != len || memcmp(vars[k].name, open + 2, len))) k++;
    if (k == n) return SL_EINVAL;
    sl_strbuf_puts(out, vars[k].value ? vars[k].value : "");
    p = close + 2;
  }
  sl_strbuf_puts(out, p);
  return out->failed ? SL_ENOMEM : SL_EOK;
}
