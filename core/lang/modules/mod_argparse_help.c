/* argparse.HelpFormatter (Lib/argparse.py): the usage line, the help
 * text and the version text, with the formatter's widths: width is the
 * terminal's columns - 2, and the simulated machine has no terminal, so
 * shutil.get_terminal_size() answers COLUMNS from os.environ or 80 (the
 * oracle gives CPython the same); help starts at column min(longest
 * invocation + 4, 24); help texts and descriptions are whitespace-collapsed
 * and wrapped as textwrap.wrap does (breaking after hyphens of hyphenated
 * words, long words cut). Per release: 3.13+ print an option's metavar
 * once ("-f, --foo FOO", before "-f FOO, --foo FOO"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/modules/mod_argparse-int.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- widths ---------------------------------------------------------------- */

/* shutil.get_terminal_size().columns - 2: COLUMNS from os.environ, else 80. */
static int formatter_width(sl_rt *rt) {
  sl_value os, environ, cols;
  int width = 80;
  if (sl_vm_import(rt, "os", &os)) return -1;
  int rc = sl_vm_getattr(rt, os, "environ", &environ);
  sl_vdecref(rt, os);
  if (rc) return -1;
  bool found = false;
  if (sl_is_type(environ, &sl_dict_type) &&
      sl_dict_get_str(rt, environ.u.o, "COLUMNS", &cols, &found) == 0 && found) {
    const char *s = sl__ap_cstr(cols);
    char *end;
    long n = s ? strtol(s, &end, 10) : 0;
    if (s && *s && !*end && n > 0 && n < 100000) width = (int)n;
    sl_vdecref(rt, cols);
  }
  sl_vdecref(rt, environ);
  if (rt->exc) return -1;
  return width - 2;
}

/* Code points of a UTF-8 string (the formatter measures with len()). */
static size_t cplen(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}
static size_t sb_cplen(const sl_strbuf *b) { return cplen(b->data ? b->data : "", b->len); }

static void pad(sl_strbuf *out, size_t n) {
  for (size_t i = 0; i < n; i++) sl_strbuf_putc(out, ' ');
}

/* ---- textwrap ----------------------------------------------------------------- */

/* _whitespace_matcher.sub(' ', text).strip() */
static void collapse(const char *s, sl_strbuf *out) {
  bool space = false;
  for (; *s; s++) {
    if (strchr(" \t\n\r\f\v", *s)) {
      space = true;
      continue;
    }
    if (space && out->len) sl_strbuf_putc(out, ' ');
    space = false;
    sl_strbuf_putc(out, *s);
  }
}

static bool letter(char c) { return isalpha((unsigned char)c) || (unsigned char)c >= 0x80; }

/* Splits a word into textwrap's chunks: after the '-' of a hyphenated
 * word ("well-known" -> "well-", "known"; wordsep_re's letter{2}- then
 * letter -? letter). Appends (start, len) pairs. */
static size_t word_chunks(const char *w, size_t n, size_t *starts, size_t *lens, size_t max) {
  size_t k = 0, from = 0;
  for (size_t i = 2; i + 1 < n && k + 1 < max; i++) {
    if (w[i] != '-' || !letter(w[i - 1]) || !letter(w[i - 2])) continue;
    bool next = letter(w[i + 1]) || (w[i + 1] == '-' && i + 2 < n && letter(w[i + 2]));
    if (!next ||
        !(i + 2 < n && (letter(w[i + 2]) || (w[i + 2] == '-' && i + 3 < n && letter(w[i + 3])))))
      if (!(letter(w[i + 1]) && i + 2 < n && letter(w[i + 2]))) continue;
    starts[k] = from, lens[k++] = i + 1 - from;
    from = i + 1;
  }
  starts[k] = from, lens[k++] = n - from;
  return k;
}

/* textwrap.wrap(text, width) of a collapsed text: lines into `lines`
 * (each a strbuf to free), at most max. Returns the count. Chunks are
 * words and single spaces; a line drops its leading and trailing space;
 * a chunk longer than the width is cut at the room left. */
typedef struct chunk {
  const char *p;
  size_t len;
} chunk;

static size_t wrap(const char *text, size_t width, sl_strbuf *lines, size_t max) {
  size_t n = strlen(text), nchunks = 0, cap = n * 2 + 4;
  chunk *chunks = sl_malloc(cap * sizeof *chunks);
  if (!chunks) return 0;
  for (size_t i = 0; i < n;) {
    if (text[i] == ' ') {
      chunks[nchunks++] = (chunk){text + i, 1};
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && text[j] != ' ') j++;
    size_t starts[64], lens[64];
    size_t k = word_chunks(text + i, j - i, starts, lens, 64);
    for (size_t c = 0; c < k; c++) chunks[nchunks++] = (chunk){text + i + starts[c], lens[c]};
    i = j;
  }
  size_t nlines = 0, ci = 0;
  if (width < 1) width = 1;
  while (ci < nchunks && nlines < max) {
    sl_strbuf *line = &lines[nlines];
    *line = (sl_strbuf)SL_STRBUF_INIT;
    size_t cur = 0;
    if (chunks[ci].p[0] == ' ' && chunks[ci].len == 1) ci++; /* drop_whitespace */
    while (ci < nchunks) {
      size_t l = cplen(chunks[ci].p, chunks[ci].len);
      if (cur + l <= width) {
        sl_strbuf_append(line, chunks[ci].p, chunks[ci].len);
        cur += l;
        ci++;
      } else {
        break;
      }
    }
    /* _handle_long_word: a chunk wider than the line is cut */
    if (ci < nchunks && cplen(chunks[ci].p, chunks[ci].len) > width) {
      size_t room = width > cur ? width - cur : 1;
      size_t b = 0, cps = 0;
      while (b < chunks[ci].len && cps < room) {
        b++;
        while (b < chunks[ci].len && ((unsigned char)chunks[ci].p[b] & 0xC0) == 0x80) b++;
        cps++;
      }
      sl_strbuf_append(line, chunks[ci].p, b);
      chunks[ci].p += b;
      chunks[ci].len -= b;
    }
    while (line->len && line->data[line->len - 1] == ' ') line->len--;
    if (line->data) line->data[line->len] = 0;
    if (line->len || cur)
      nlines++;
    else
      sl_strbuf_free(line);
  }
  sl_free(chunks);
  return nlines;
}

/* ---- metavars, args, invocations ------------------------------------------------ */

static bool is_optional(const ap_action *a) { return sl_as_list(a->option_strings)->len > 0; }

/* _metavar_formatter(action, default)(n): the metavar (a tuple gives its
 * items), else '{c1,c2}' of the choices, else default. Item i of n. */
static int metavar_item(sl_rt *rt, ap_action *a, size_t i, sl_strbuf *out) {
  if (!sl_is_none(a->metavar)) {
    if (sl_is_type(a->metavar, &sl_tuple_type)) {
      sl_tuple *t = sl_as_tuple(a->metavar.u.o);
      if (i >= t->len)
        return sl_raise(rt, SL_EXC_TYPE_ERROR, "not enough arguments for format string");
      return sl_vm_str(rt, t->items[i], out);
    }
    return sl_vm_str(rt, a->metavar, out);
  }
  if (!sl_is_none(a->choices)) {
    sl_value it, c;
    if (sl_iter(rt, a->choices, &it)) return -1;
    sl_strbuf_putc(out, '{');
    int r, first = 1;
    while ((r = sl_iter_next(rt, it, &c)) == 1) {
      if (!first) sl_strbuf_putc(out, ',');
      first = 0;
      r = sl_vm_str(rt, c, out);
      sl_vdecref(rt, c);
      if (r) break;
    }
    sl_vdecref(rt, it);
    if (r) return -1;
    sl_strbuf_putc(out, '}');
    return 0;
  }
  const char *dest = sl__ap_cstr(a->dest);
  if (!dest) return sl_vm_str(rt, a->dest, out);
  if (is_optional(a))
    for (; *dest; dest++) sl_strbuf_putc(out, (char)toupper((unsigned char)*dest));
  else
    sl_strbuf_puts(out, dest);
  return 0;
}

/* _format_args(action, default_metavar) */
static int format_args(sl_rt *rt, ap_action *a, sl_strbuf *out) {
  int rc = 0;
  switch (a->nargs) {
  case AP_NARGS_NONE: return metavar_item(rt, a, 0, out);
  case AP_NARGS_OPTIONAL:
    sl_strbuf_putc(out, '[');
    rc = metavar_item(rt, a, 0, out);
    sl_strbuf_putc(out, ']');
    return rc;
  case AP_NARGS_ANY: {
    bool two = sl_is_type(a->metavar, &sl_tuple_type) && sl_as_tuple(a->metavar.u.o)->len == 2;
    sl_strbuf_putc(out, '[');
    rc = metavar_item(rt, a, 0, out);
    if (two) {
      sl_strbuf_puts(out, " [");
      if (!rc) rc = metavar_item(rt, a, 1, out);
      sl_strbuf_puts(out, " ...]]");
    } else {
      sl_strbuf_puts(out, " ...]");
    }
    return rc;
  }
  case AP_NARGS_SOME:
    rc = metavar_item(rt, a, 0, out);
    sl_strbuf_puts(out, " [");
    if (!rc) rc = metavar_item(rt, a, 1 % (sl_is_type(a->metavar, &sl_tuple_type) ? 2 : 1), out);
    sl_strbuf_puts(out, " ...]");
    return rc;
  case AP_NARGS_REST: sl_strbuf_puts(out, "..."); return 0;
  default:
    for (int i = 0; i < a->nargs && !rc; i++) {
      if (i) sl_strbuf_putc(out, ' ');
      rc = metavar_item(rt, a, sl_is_type(a->metavar, &sl_tuple_type) ? (size_t)i : 0, out);
    }
    return rc;
  }
}

/* _format_action_invocation */
static int invocation(sl_rt *rt, ap_action *a, sl_strbuf *out) {
  sl_list *opts = sl_as_list(a->option_strings);
  if (!opts->len && sl_is_type(a->metavar, &sl_tuple_type)) {
    /* 3.13+: ' '.join(metavar); before: metavar, = (tuple) */
    size_t n = sl_as_tuple(a->metavar.u.o)->len;
    if (!rt->profile->argparse_metavar_once && n != 1)
      return sl_raise(rt, SL_EXC_VALUE_ERROR,
                      n ? "too many values to unpack (expected 1)"
                        : "not enough values to unpack (expected 1, got 0)");
    for (size_t i = 0; i < n; i++) {
      if (i) sl_strbuf_putc(out, ' ');
      if (metavar_item(rt, a, i, out)) return -1;
    }
    return 0;
  }
  if (!opts->len) return metavar_item(rt, a, 0, out);
  if (a->nargs == 0 || rt->profile->argparse_metavar_once) {
    for (size_t i = 0; i < opts->len; i++)
      sl_strbuf_printf(out, "%s%s", i ? ", " : "", sl_str_cstr(opts->items[i].u.o));
    if (a->nargs == 0) return 0;
    sl_strbuf_putc(out, ' ');
    return format_args(rt, a, out);
  }
  sl_strbuf args = SL_STRBUF_INIT;
  int rc = format_args(rt, a, &args);
  for (size_t i = 0; !rc && i < opts->len; i++)
    sl_strbuf_printf(out, "%s%s %s", i ? ", " : "", sl_str_cstr(opts->items[i].u.o),
                     sl_strbuf_cstr(&args));
  sl_strbuf_free(&args);
  return rc;
}

/* ---- usage -------------------------------------------------------------------- */

/* The usage part of one action: "[-f FOO]", "name", "[name ...]"; empty
 * for a suppressed one. */
static int usage_part(sl_rt *rt, ap_action *a, sl_strbuf *out) {
  if (sl__ap_is_suppress(a->help)) return 0;
  if (!is_optional(a)) return format_args(rt, a, out);
  if (!a->required) sl_strbuf_putc(out, '[');
  sl_strbuf_puts(out, sl_str_cstr(sl_as_list(a->option_strings)->items[0].u.o));
  int rc = 0;
  if (a->nargs != 0) {
    sl_strbuf_putc(out, ' ');
    rc = format_args(rt, a, out);
  }
  if (!a->required) sl_strbuf_putc(out, ']');
  return rc;
}

typedef struct parts {
  sl_strbuf *items;
  size_t n, cap;
} parts;

static void parts_free(parts *ps) {
  for (size_t i = 0; i < ps->n; i++) sl_strbuf_free(&ps->items[i]);
  sl_free(ps->items);
  *ps = (parts){0};
}

/* The usage parts of the optionals (optional = true) or positionals. */
static int collect_parts(sl_rt *rt, ap_parser *p, bool optional, parts *ps) {
  sl_list *acts = sl_as_list(p->actions);
  for (size_t i = 0; i < acts->len; i++) {
    ap_action *a = ap_action_at(p, i);
    if (is_optional(a) != optional) continue;
    sl_strbuf b = SL_STRBUF_INIT;
    if (usage_part(rt, a, &b)) {
      sl_strbuf_free(&b);
      return -1;
    }
    if (!b.len) continue;
    if (ps->n == ps->cap) {
      size_t cap = ps->cap ? ps->cap * 2 : 8;
      sl_strbuf *m = sl_realloc(ps->items, cap * sizeof *m);
      if (!m) {
        sl_strbuf_free(&b);
        return sl_nomem(rt);
      }
      ps->items = m, ps->cap = cap;
    }
    ps->items[ps->n++] = b;
  }
  return 0;
}

/* get_lines(parts, indent, prefix) of _format_usage. */
static void get_lines(const parts *ps, size_t from, const char *first, size_t indent,
                      size_t prefix_len, bool has_prefix, size_t text_width, sl_strbuf *out,
                      bool *any) {
  size_t line_len = (has_prefix ? prefix_len : indent) - 1;
  bool line_open = false, first_line = true;
  size_t total = ps->n - from + (first ? 1 : 0);
  for (size_t k = 0; k < total; k++) {
    const char *part =
        first && k == 0 ? first : sl_strbuf_cstr(&ps->items[from + k - (first ? 1 : 0)]);
    size_t plen = cplen(part, strlen(part));
    if (line_open && line_len + 1 + plen > text_width) {
      sl_strbuf_putc(out, '\n');
      line_open = false;
      first_line = false;
      line_len = indent - 1;
    }
    if (!line_open) {
      if (*any && first_line && !has_prefix) sl_strbuf_putc(out, '\n');
      if (!(has_prefix && first_line)) pad(out, indent);
      line_open = true;
      *any = true;
    } else {
      sl_strbuf_putc(out, ' ');
    }
    sl_strbuf_puts(out, part);
    line_len += plen + 1;
  }
}

/* _format_usage without the "usage: " prefix's trailing "\n\n". */
static int usage_text(sl_rt *rt, ap_parser *p, int width, sl_strbuf *out) {
  const char *prefix = "usage: ";
  size_t prefix_len = 7;
  sl_strbuf_puts(out, prefix);
  if (!sl_is_none(p->usage)) {
    /* usage % dict(prog=self._prog) */
    sl_obj *d = sl_dict_new(rt);
    sl_value r;
    int rc = !d || sl_dict_set_str(rt, d, "prog", p->prog) ||
             sl_binary_op(rt, SL_BIN_MOD, p->usage, sl_obj_val(d), &r);
    sl_decref(rt, d);
    if (rc) return -1;
    rc = sl_vm_str(rt, r, out);
    sl_vdecref(rt, r);
    return rc;
  }
  sl_strbuf prog = SL_STRBUF_INIT;
  parts opt = {0}, pos = {0};
  int rc = sl_vm_str(rt, p->prog, &prog);
  if (!rc) rc = collect_parts(rt, p, true, &opt);
  if (!rc) rc = collect_parts(rt, p, false, &pos);
  if (rc) goto done;
  size_t plen = sb_cplen(&prog), len = plen;
  for (size_t i = 0; i < opt.n; i++) len += 1 + sb_cplen(&opt.items[i]);
  for (size_t i = 0; i < pos.n; i++) len += 1 + sb_cplen(&pos.items[i]);
  size_t text_width = (size_t)width;
  if (prefix_len + len <= text_width) {
    sl_strbuf_puts(out, sl_strbuf_cstr(&prog));
    for (size_t i = 0; i < opt.n; i++) sl_strbuf_printf(out, " %s", sl_strbuf_cstr(&opt.items[i]));
    for (size_t i = 0; i < pos.n; i++) sl_strbuf_printf(out, " %s", sl_strbuf_cstr(&pos.items[i]));
    goto done;
  }
  bool any = false;
  if ((double)(prefix_len + plen) <= 0.75 * (double)text_width) {
    size_t indent = prefix_len + plen + 1;
    if (opt.n) {
      get_lines(&opt, 0, sl_strbuf_cstr(&prog), indent, prefix_len, true, text_width, out, &any);
      get_lines(&pos, 0, NULL, indent, prefix_len, false, text_width, out, &any);
    } else if (pos.n) {
      get_lines(&pos, 0, sl_strbuf_cstr(&prog), indent, prefix_len, true, text_width, out, &any);
    } else {
      sl_strbuf_puts(out, sl_strbuf_cstr(&prog));
    }
  } else {
    /* prog on its own line, then the parts indented by the prefix */
    sl_strbuf_puts(out, sl_strbuf_cstr(&prog));
    any = true;
    bool one = true;
    size_t line = prefix_len - 1;
    for (size_t i = 0; i < opt.n + pos.n; i++) {
      sl_strbuf *b = i < opt.n ? &opt.items[i] : &pos.items[i - opt.n];
      if (line + 1 + sb_cplen(b) > text_width && i) one = false;
      line += 1 + sb_cplen(b);
    }
    if (one) {
      sl_strbuf_putc(out, '\n');
      pad(out, prefix_len);
      for (size_t i = 0; i < opt.n + pos.n; i++)
        sl_strbuf_printf(out, "%s%s", i ? " " : "",
                         sl_strbuf_cstr(i < opt.n ? &opt.items[i] : &pos.items[i - opt.n]));
    } else {
      get_lines(&opt, 0, NULL, prefix_len, prefix_len, false, text_width, out, &any);
      get_lines(&pos, 0, NULL, prefix_len, prefix_len, false, text_width, out, &any);
    }
  }
done:
  sl_strbuf_free(&prog);
  parts_free(&opt);
  parts_free(&pos);
  return rc;
}

int sl__ap_format_usage(sl_rt *rt, ap_parser *p, sl_value *out) {
  int width = formatter_width(rt);
  if (width < 0) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  if (usage_text(rt, p, width, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  sl_strbuf_putc(&b, '\n');
  sl_obj *s = sl_str_take_buf(rt, &b);
  if (!s) return -1;
  return *out = sl_obj_val(s), 0;
}

/* ---- help ------------------------------------------------------------------------ */

/* _format_text: text % dict(prog=...) when it names %(prog), then filled
 * at the indent; followed by a blank line. */
static int format_text(sl_rt *rt, ap_parser *p, sl_value text, size_t indent, int width,
                       sl_strbuf *out) {
  if (sl_is_none(text) || sl__ap_is_suppress(text)) return 0;
  sl_value t = sl_vincref(text);
  const char *s = sl__ap_cstr(text);
  if (s && strstr(s, "%(prog)")) {
    sl_obj *d = sl_dict_new(rt);
    sl_value r;
    int rc = !d || sl_dict_set_str(rt, d, "prog", p->prog) ||
             sl_binary_op(rt, SL_BIN_MOD, text, sl_obj_val(d), &r);
    sl_decref(rt, d);
    if (rc) return sl_vdecref(rt, t), -1;
    sl_vset(rt, &t, r);
  }
  sl_strbuf raw = SL_STRBUF_INIT, flat = SL_STRBUF_INIT;
  int rc = sl_vm_str(rt, t, &raw);
  sl_vdecref(rt, t);
  if (rc) return sl_strbuf_free(&raw), -1;
  collapse(sl_strbuf_cstr(&raw), &flat);
  /* text_width = max(width - current_indent, 11); textwrap.fill with the
   * indent on every line, which counts in the width */
  size_t tw = (size_t)width > indent ? (size_t)width - indent : 0;
  if (tw < 11) tw = 11;
  sl_strbuf lines[256];
  size_t n = wrap(sl_strbuf_cstr(&flat), tw > indent ? tw - indent : 1, lines, 256);
  for (size_t i = 0; i < n; i++) {
    if (i) sl_strbuf_putc(out, '\n');
    pad(out, indent);
    sl_strbuf_puts(out, sl_strbuf_cstr(&lines[i]));
    sl_strbuf_free(&lines[i]);
  }
  sl_strbuf_puts(out, "\n\n");
  sl_strbuf_free(&raw);
  sl_strbuf_free(&flat);
  return 0;
}

/* _expand_help: help % dict(vars(action), prog=prog), SUPPRESS values
 * left out, objects with a __name__ replaced by it, the choices joined. */
static int expand_help(sl_rt *rt, ap_parser *p, ap_action *a, sl_strbuf *out) {
  const char *h = sl__ap_cstr(a->help);
  if (h && !strchr(h, '%')) return sl_strbuf_puts(out, h), 0;
  sl_obj *d = sl_dict_new(rt);
  if (!d) return -1;
  sl_value nargs = sl_none();
  if (a->nargs >= 0) nargs = sl_int(a->nargs);
  const struct {
    const char *name;
    sl_value v;
  } fields[] = {{"option_strings", sl_obj_val(a->option_strings)},
                {"dest", a->dest},
                {"nargs", nargs},
                {"const", a->konst},
                {"default", a->deflt},
                {"type", a->type},
                {"choices", a->choices},
                {"required", sl_bool(a->required)},
                {"help", a->help},
                {"metavar", a->metavar},
                {"prog", p->prog}};
  int rc = 0;
  for (size_t i = 0; !rc && i < sizeof fields / sizeof *fields; i++) {
    sl_value v = fields[i].v;
    if (sl__ap_is_suppress(v)) continue;
    sl_value name;
    if (sl_is_obj(v) && !sl_is_str(v) && sl_vm_getattr(rt, v, "__name__", &name) == 0) {
      rc = sl_dict_set_str(rt, d, fields[i].name, name);
      sl_vdecref(rt, name);
      continue;
    }
    if (rt->exc) sl_err_clear(rt);
    if (!strcmp(fields[i].name, "choices") && !sl_is_none(v)) {
      sl_strbuf b = SL_STRBUF_INIT;
      sl_value it, c;
      rc = sl_iter(rt, v, &it);
      int r = 0;
      for (int first = 1; !rc && (r = sl_iter_next(rt, it, &c)) == 1; first = 0) {
        if (!first) sl_strbuf_puts(&b, ", ");
        rc = sl_vm_str(rt, c, &b);
        sl_vdecref(rt, c);
      }
      if (!rc) sl_vdecref(rt, it);
      if (r < 0) rc = -1;
      sl_obj *s = rc ? NULL : sl_str_take_buf(rt, &b);
      if (!rc) rc = !s || sl_dict_set_str(rt, d, "choices", sl_obj_val(s));
      sl_decref(rt, s);
      sl_strbuf_free(&b); /* not taken when rc */
      continue;
    }
    rc = sl_dict_set_str(rt, d, fields[i].name, v);
  }
  sl_value r;
  if (!rc) rc = sl_binary_op(rt, SL_BIN_MOD, a->help, sl_obj_val(d), &r);
  sl_decref(rt, d);
  if (rc) return -1;
  rc = sl_vm_str(rt, r, out);
  sl_vdecref(rt, r);
  return rc;
}

/* _format_action at indent 2 with help_position. */
static int format_action(sl_rt *rt, ap_parser *p, ap_action *a, size_t help_position, int width,
                         sl_strbuf *out) {
  size_t indent = 2;
  size_t help_width = (size_t)width > help_position ? (size_t)width - help_position : 0;
  if (help_width < 11) help_width = 11;
  size_t action_width = help_position - indent - 2;
  sl_strbuf head = SL_STRBUF_INIT;
  if (invocation(rt, a, &head)) return sl_strbuf_free(&head), -1;
  bool has_help = false;
  if (!sl_is_none(a->help) && sl_truth(rt, a->help, &has_help)) return sl_strbuf_free(&head), -1;
  size_t indent_first = 0;
  pad(out, indent);
  sl_strbuf_puts(out, sl_strbuf_cstr(&head));
  if (!has_help) {
    sl_strbuf_putc(out, '\n');
  } else if (sb_cplen(&head) <= action_width) {
    pad(out, action_width - sb_cplen(&head) + 2);
  } else {
    sl_strbuf_putc(out, '\n');
    indent_first = help_position;
  }
  sl_strbuf_free(&head);
  if (!has_help) return 0;
  sl_strbuf raw = SL_STRBUF_INIT, flat = SL_STRBUF_INIT;
  int rc = expand_help(rt, p, a, &raw);
  if (!rc) collapse(sl_strbuf_cstr(&raw), &flat);
  sl_strbuf_free(&raw);
  if (rc) return -1;
  if (!flat.len) {
    /* help was only whitespace: "or add a newline if the description
     * doesn't end with one" */
    if (indent_first == 0) sl_strbuf_putc(out, '\n');
    sl_strbuf_free(&flat);
    return 0;
  }
  sl_strbuf lines[256];
  size_t n = wrap(sl_strbuf_cstr(&flat), help_width, lines, 256);
  for (size_t i = 0; i < n; i++) {
    pad(out, i ? help_position : indent_first);
    sl_strbuf_puts(out, sl_strbuf_cstr(&lines[i]));
    sl_strbuf_putc(out, '\n');
    sl_strbuf_free(&lines[i]);
  }
  sl_strbuf_free(&flat);
  return 0;
}

/* Collapses runs of 3+ newlines to 2 and strips newlines at both ends,
 * then one final newline (HelpFormatter.format_help). */
static int finish(sl_rt *rt, sl_strbuf *b, sl_value *out) {
  sl_strbuf r = SL_STRBUF_INIT;
  const char *s = sl_strbuf_cstr(b);
  while (*s == '\n') s++;
  for (; *s; s++) {
    if (*s == '\n') {
      size_t k = 0;
      while (s[k] == '\n') k++;
      if (!s[k]) break;
      sl_strbuf_append(&r, "\n\n", k >= 2 ? 2 : 1);
      s += k - 1;
      continue;
    }
    sl_strbuf_putc(&r, *s);
  }
  if (r.len) sl_strbuf_putc(&r, '\n');
  sl_strbuf_free(b);
  sl_obj *o = sl_str_take_buf(rt, &r);
  if (!o) return -1;
  return *out = sl_obj_val(o), 0;
}

int sl__ap_format_help(sl_rt *rt, ap_parser *p, sl_value *out) {
  int width = formatter_width(rt);
  if (width < 0) return -1;
  sl_list *acts = sl_as_list(p->actions);
  /* help_position = min(action_max_length + 2, max_help_position) */
  size_t max_len = 0;
  for (size_t i = 0; i < acts->len; i++) {
    ap_action *a = ap_action_at(p, i);
    if (sl__ap_is_suppress(a->help)) continue;
    sl_strbuf b = SL_STRBUF_INIT;
    if (invocation(rt, a, &b)) return sl_strbuf_free(&b), -1;
    if (sb_cplen(&b) + 2 > max_len) max_len = sb_cplen(&b) + 2;
    sl_strbuf_free(&b);
  }
  size_t max_help = width - 20 > 4 ? (size_t)width - 20 : 4;
  if (max_help > 24) max_help = 24;
  size_t help_position = max_len + 2 < max_help ? max_len + 2 : max_help;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = usage_text(rt, p, width, &b);
  sl_strbuf_puts(&b, "\n\n");
  if (!rc) rc = format_text(rt, p, p->description, 0, width, &b);
  sl_list *groups = sl_as_list(p->groups);
  for (size_t g = 0; !rc && g < groups->len; g++) {
    sl_tuple *t = sl_as_tuple(groups->items[g].u.o);
    sl_strbuf items = SL_STRBUF_INIT;
    rc = format_text(rt, p, t->items[1], 2, width, &items);
    for (size_t i = 0; !rc && i < acts->len; i++) {
      ap_action *a = ap_action_at(p, i);
      if (a->group != (int)g || sl__ap_is_suppress(a->help)) continue;
      rc = format_action(rt, p, a, help_position, width, &items);
    }
    if (!rc && items.len) {
      sl_strbuf_putc(&b, '\n');
      if (!sl_is_none(t->items[0]) && !sl__ap_is_suppress(t->items[0])) {
        rc = sl_vm_str(rt, t->items[0], &b);
        sl_strbuf_puts(&b, ":\n");
      }
      sl_strbuf_append(&b, items.data, items.len);
      sl_strbuf_putc(&b, '\n');
    }
    sl_strbuf_free(&items);
  }
  if (!rc) rc = format_text(rt, p, p->epilog, 0, width, &b);
  if (rc) return sl_strbuf_free(&b), -1;
  return finish(rt, &b, out);
}

int sl__ap_format_version(sl_rt *rt, ap_parser *p, sl_value version, sl_value *out) {
  int width = formatter_width(rt);
  if (width < 0) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  if (format_text(rt, p, version, 0, width, &b)) return sl_strbuf_free(&b), -1;
  return finish(rt, &b, out);
}
