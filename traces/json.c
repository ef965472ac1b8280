/* Strict recursive-descent JSON parser (see json.h). Nesting is capped so a
 * hostile trace file cannot exhaust the C stack. */
#include "traces/json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"

#define MAX_DEPTH 64

typedef struct parser {
  const char *p, *start, *end;
  sl_json_error *err;
  bool failed;
  int depth;
} parser;

static void fail(parser *ps, const char *at, const char *msg) {
  if (ps->failed) return;
  ps->failed = true;
  ps->err->col = (size_t)(at - ps->start) + 1;
  snprintf(ps->err->message, sizeof ps->err->message, "%s", msg);
}

static void skip_ws(parser *ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
    ps->p++;
}

static sl_json *new_value(parser *ps, sl_json_type type) {
  sl_json *v = sl_calloc(1, sizeof *v);
  if (!v) fail(ps, ps->p, "out of memory");
  else v->type = type;
  return v;
}

void sl_json_free(sl_json *v) {
  if (!v) return;
  for (size_t i = 0; i < v->n && v->items; i++) sl_json_free(v->items[i]);
  if (v->keys)
    for (size_t i = 0; i < v->n; i++) sl_free(v->keys[i]);
  sl_free(v->keys);
  sl_free(v->items);
  sl_free(v->s);
  sl_free(v);
}

static bool literal(parser *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, word, n)) {
    ps->p += n;
    return true;
  }
  return false;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Reads 4 hex digits after "\u"; -1 on error. */
static long read_u4(parser *ps) {
  if (ps->end - ps->p < 4) return -1;
  long v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hexval(ps->p[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  ps->p += 4;
  return v;
}

static void put_utf8(sl_strbuf *b, unsigned long cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) { u[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
  else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
  } else {
    u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
  }
  sl_strbuf_append(b, u, n);
}

/* Length of a valid UTF-8 sequence at p (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end) {
  unsigned char c = p[0];
  size_t n;
  unsigned long cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if ((size_t)(end - p) < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (p[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (n == 3 && cp >= 0xD800 && cp <= 0xDFFF) return 0; /* raw surrogates are not UTF-8 */
  return n;
}

/* Parses a string starting at the opening quote into an owned buffer. */
static char *parse_string(parser *ps, size_t *len_out) {
  sl_strbuf b = SL_STRBUF_INIT;
  const char *open = ps->p++;
  for (;;) {
    if (ps->p >= ps->end) { fail(ps, open, "unterminated string"); break; }
    unsigned char c = (unsigned char)*ps->p;
    if (c == '"') { ps->p++; break; }
    if (c < 0x20) { fail(ps, ps->p, "control character in string (use an escape)"); break; }
    if (c == '\\') {
      const char *esc = ps->p++;
      if (ps->p >= ps->end) { fail(ps, esc, "unterminated string"); break; }
      char e = *ps->p++;
      switch (e) {
      case '"': sl_strbuf_putc(&b, '"'); break;
      case '\\': sl_strbuf_putc(&b, '\\'); break;
      case '/': sl_strbuf_putc(&b, '/'); break;
      case 'b': sl_strbuf_putc(&b, '\b'); break;
      case 'f': sl_strbuf_putc(&b, '\f'); break;
      case 'n': sl_strbuf_putc(&b, '\n'); break;
      case 'r': sl_strbuf_putc(&b, '\r'); break;
      case 't': sl_strbuf_putc(&b, '\t'); break;
      case 'u': {
        long cp = read_u4(ps);
        if (cp < 0) { fail(ps, esc, "bad \\u escape (need 4 hex digits)"); break; }
        /* A high surrogate followed by an escaped low one is one character;
         * anything else stays a lone surrogate, as Python keeps it. */
        if (cp >= 0xD800 && cp <= 0xDBFF && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
            ps->p[1] == 'u') {
          const char *save = ps->p;
          ps->p += 2;
          long lo = read_u4(ps);
          if (lo >= 0xDC00 && lo <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          else ps->p = save;
        }
        put_utf8(&b, (unsigned long)cp);
        break;
      }
      default: fail(ps, esc, "bad escape in string"); break;
      }
      if (ps->failed) break;
      continue;
    }
    size_t n = utf8_len((const unsigned char *)ps->p, (const unsigned char *)ps->end);
    if (!n) { fail(ps, ps->p, "invalid UTF-8 in string"); break; }
    sl_strbuf_append(&b, ps->p, n);
    ps->p += n;
  }
  if (!ps->failed && b.failed) fail(ps, open, "out of memory");
  if (ps->failed) { sl_strbuf_free(&b); return NULL; }
  sl_strbuf_reserve(&b, 1); /* an empty string still needs its NUL */
  size_t n = 0;
  char *s = b.failed ? NULL : sl_strbuf_take(&b, &n);
  if (!s) { fail(ps, open, "out of memory"); sl_strbuf_free(&b); return NULL; }
  if (n == 0) s[0] = '\0';
  *len_out = n;
  return s;
}

static sl_json *parse_number(parser *ps) {
  const char *s = ps->p;
  if (literal(ps, "NaN")) { sl_json *v = new_value(ps, SL_JSON_NUMBER); if (v) v->d = NAN; return v; }
  if (literal(ps, "Infinity")) { sl_json *v = new_value(ps, SL_JSON_NUMBER); if (v) v->d = INFINITY; return v; }
  if (literal(ps, "-Infinity")) { sl_json *v = new_value(ps, SL_JSON_NUMBER); if (v) v->d = -INFINITY; return v; }
  const char *q = s;
  bool integral = true;
  if (q < ps->end && *q == '-') q++;
  if (q >= ps->end || *q < '0' || *q > '9') { fail(ps, s, "expected a value"); return NULL; }
  if (*q == '0' && q + 1 < ps->end && q[1] >= '0' && q[1] <= '9') {
    fail(ps, q, "leading zero in number");
    return NULL;
  }
  while (q < ps->end && *q >= '0' && *q <= '9') q++;
  if (q < ps->end && *q == '.') {
    integral = false;
    q++;
    if (q >= ps->end || *q < '0' || *q > '9') { fail(ps, q, "expected a digit after '.'"); return NULL; }
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  }
  if (q < ps->end && (*q == 'e' || *q == 'E')) {
    integral = false;
    q++;
    if (q < ps->end && (*q == '+' || *q == '-')) q++;
    if (q >= ps->end || *q < '0' || *q > '9') { fail(ps, q, "expected a digit in exponent"); return NULL; }
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  }
  char buf[64];
  size_t n = (size_t)(q - s);
  if (n >= sizeof buf) { fail(ps, s, "number too long"); return NULL; }
  memcpy(buf, s, n);
  buf[n] = '\0';
  sl_json *v = new_value(ps, SL_JSON_NUMBER);
  if (!v) return NULL;
  v->d = strtod(buf, NULL);
  if (integral) {
    errno = 0;
    long long i = strtoll(buf, NULL, 10);
    v->is_int = errno == 0;
    v->i = i;
  }
  ps->p = q;
  return v;
}

static sl_json *parse_value(parser *ps);

/* Appends `item` (and `key` for objects) to a container; frees them on
 * failure. */
static bool append(parser *ps, sl_json *c, char *key, sl_json *item) {
  sl_json **items = sl_realloc(c->items, (c->n + 1) * sizeof *items);
  if (items) c->items = items;
  char **keys = c->type == SL_JSON_OBJECT ? sl_realloc(c->keys, (c->n + 1) * sizeof *keys) : NULL;
  if (keys) c->keys = keys;
  if (!items || (c->type == SL_JSON_OBJECT && !keys)) {
    fail(ps, ps->p, "out of memory");
    sl_free(key);
    sl_json_free(item);
    return false;
  }
  if (keys) keys[c->n] = key;
  items[c->n++] = item;
  return true;
}

static sl_json *parse_container(parser *ps, bool object) {
  const char *open = ps->p++;
  if (++ps->depth > MAX_DEPTH) { fail(ps, open, "nested too deeply"); return NULL; }
  sl_json *c = new_value(ps, object ? SL_JSON_OBJECT : SL_JSON_ARRAY);
  if (!c) return NULL;
  char close = object ? '}' : ']';
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == close) { ps->p++; ps->depth--; return c; }
  for (;;) {
    char *key = NULL;
    skip_ws(ps);
    if (object) {
      size_t klen;
      if (ps->p >= ps->end || *ps->p != '"') { fail(ps, ps->p, "expected a string key"); break; }
      key = parse_string(ps, &klen);
      if (!key) break;
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != ':') { sl_free(key); fail(ps, ps->p, "expected ':'"); break; }
      ps->p++;
      skip_ws(ps);
    }
    sl_json *item = parse_value(ps);
    if (!item) { sl_free(key); break; }
    if (!append(ps, c, key, item)) break;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
    if (ps->p < ps->end && *ps->p == close) { ps->p++; ps->depth--; return c; }
    fail(ps, ps->p, object ? "expected ',' or '}'" : "expected ',' or ']'");
    break;
  }
  sl_json_free(c);
  return NULL;
}

static sl_json *parse_value(parser *ps) {
  skip_ws(ps);
  if (ps->p >= ps->end) { fail(ps, ps->p, "unexpected end of input"); return NULL; }
  char c = *ps->p;
  if (c == '{' || c == '[') return parse_container(ps, c == '{');
  if (c == '"') {
    sl_json *v = new_value(ps, SL_JSON_STRING);
    if (v && !(v->s = parse_string(ps, &v->n))) { sl_free(v); return NULL; }
    return v;
  }
  if (literal(ps, "null")) return new_value(ps, SL_JSON_NULL);
  if (literal(ps, "true") || literal(ps, "false")) {
    sl_json *v = new_value(ps, SL_JSON_BOOL);
    if (v) v->b = ps->p[-1] == 'e' && ps->p[-2] == 'u';
    return v;
  }
  return parse_number(ps);
}

sl_json *sl_json_parse(const char *text, size_t len, sl_json_error *err) {
  parser ps = {text, text, text + len, err, false, 0};
  sl_json *v = parse_value(&ps);
  if (v) {
    skip_ws(&ps);
    if (ps.p < ps.end) {
      fail(&ps, ps.p, "unexpected text after the value");
      sl_json_free(v);
      return NULL;
    }
  }
  return v;
}

const sl_json *sl_json_get(const sl_json *obj, const char *key) {
  if (!obj || obj->type != SL_JSON_OBJECT) return NULL;
  for (size_t i = 0; i < obj->n; i++)
    if (!strcmp(obj->keys[i], key)) return obj->items[i];
  return NULL;
}
