/* Filling a text template: every "{{name}}" is replaced by the value of
 * that name. The report's page (sim/report.html) is one, embedded in the
 * binary at build time (sim/embed_text.cmake). */
#ifndef SL_SIM_TEMPLATE_H
#define SL_SIM_TEMPLATE_H

#include <stddef.h>

#include "core/errors.h"
#include "core/strbuf.h"

typedef struct sl_template_var {
  const char *name;  /* without the braces */
  const char *value; /* borrowed; inserted as it is (escape it first) */
} sl_template_var;

/* Appends `tpl` to out with its placeholders filled from vars[0..n).
 * Returns SL_EINVAL (and appends nothing more) for a placeholder no var
 * names, which is a bug in the caller; SL_ENOMEM when out failed. */
sl_errcode sl_template_fill(const char *tpl, const sl_template_var *vars, size_t n, sl_strbuf *out);

/* The embedded sim/report.html. */
extern const char sl_report_template[];

#endif
