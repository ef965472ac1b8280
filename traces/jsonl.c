/* JSONL writer and reader for traces (see jsonl.h, docs/trace.md). */
#include "traces/jsonl.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/assert.h"
#include "core/num/numfmt.h"
#include "traces/json.h"

/* ---- writing --------------------------------------------------------- */

void sl_json_put_u64(sl_strbuf *out, uint64_t v) {
  char b[24];
  sl_strbuf_append(out, b, (size_t)(sl_json_u64_at(b, v) - b));
}

void sl_json_put_float(sl_strbuf *out, double x) {
  /* json.dumps writes float('nan') as NaN and infinities as Infinity. */
  if (isnan(x))
    sl_strbuf_puts(out, "NaN");
  else if (isinf(x))
    sl_strbuf_puts(out, x < 0 ? "-Infinity" : "Infinity");
  else if (sl_json_whole_float(x)) {
    /* Most trace times are whole. */
    sl_json_put_u64(out, (uint64_t)x);
    sl_strbuf_append(out, ".0", 2);
  } else {
    sl_float_repr(out, x);
  }
}

/* Decodes one code point of (WTF-)UTF-8 at s; sets *len. Invalid bytes
 * decode as U+FFFD one byte at a time, so writing never fails on them. */
static unsigned long decode(const unsigned char *s, size_t avail, size_t *len) {
  unsigned char c = s[0];
  size_t n;
  unsigned long cp;
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    *len = 1;
    return 0xFFFD;
  }
  if (avail < n) {
    *len = 1;
    return 0xFFFD;
  }
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = cp << 6 | (s[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    *len = 1;
    return 0xFFFD;
  }
  *len = n;
  return cp; /* surrogates (WTF-8) pass through: Python strings may hold them */
}

void sl_json_put_string(sl_strbuf *out, const char *s, size_t n) {
  if (!s) {
    sl_strbuf_puts(out, "null");
    return;
  }
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  sl_strbuf_putc(out, '"');
  while (p < end) {
    /* A run of characters written as they are, appended at once. */
    const unsigned char *q = p;
    while (q < end && *q >= 0x20 && *q <= 0x7E && *q != '"' && *q != '\\') q++;
    if (q > p) {
      sl_strbuf_append(out, (const char *)p, (size_t)(q - p));
      p = q;
      continue;
    }
    size_t len;
    unsigned long cp = decode(p, (size_t)(end - p), &len);
    p += len;
    /* json.encoder.ESCAPE_ASCII: everything outside ' '..'~' is escaped. */
    switch (cp) {
    case '"': sl_strbuf_puts(out, "\\\""); continue;
    case '\\': sl_strbuf_puts(out, "\\\\"); continue;
    case '\n': sl_strbuf_puts(out, "\\n"); continue;
    case '\r': sl_strbuf_puts(out, "\\r"); continue;
    case '\t': sl_strbuf_puts(out, "\\t"); continue;
    case '\b': sl_strbuf_puts(out, "\\b"); continue;
    case '\f': sl_strbuf_puts(out, "\\f"); continue;
    default: break;
    }
    if (cp >= 0x20 && cp <= 0x7E)
      sl_strbuf_putc(out, (char)cp);
    else if (cp < 0x10000)
      sl_strbuf_printf(out, "\\u%04lx", cp);
    else {
      unsigned long v = cp - 0x10000;
      sl_strbuf_printf(out, "\\u%04lx\\u%04lx", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
    }
  }
  sl_strbuf_putc(out, '"');
}

/* ,"key": */
static void put_key(sl_strbuf *out, const char *key) {
  sl_strbuf_append(out, ",\"", 2);
  sl_strbuf_puts(out, key);
  sl_strbuf_append(out, "\":", 2);
}

static void put_str(sl_strbuf *out, const char *key, const sl_tstr *s) {
  put_key(out, key);
  sl_json_put_string(out, s->p, s->n);
}

static void put_id(sl_strbuf *out, const char *key, uint64_t id) {
  put_key(out, key);
  if (id) {
    sl_strbuf_append(out, "\"T", 2);
    sl_json_put_u64(out, id);
    sl_strbuf_putc(out, '"');
  } else {
    sl_strbuf_puts(out, "null");
  }
}

static void put_float(sl_strbuf *out, const char *key, double x) {
  put_key(out, key);
  sl_json_put_float(out, x);
}

static void put_int(sl_strbuf *out, const char *key, uint64_t v) {
  put_key(out, key);
  sl_json_put_u64(out, v);
}

/* ---- the common events, written in place ------------------------------
 * A long run's trace is almost all `step` and `handle` lines (a million of
 * them for bench/switches.py): these are written straight into reserved
 * space rather than through one append per piece. Anything unusual (a
 * float that is not whole, a name needing escapes) goes the general way. */

static char *cat(char *p, const char *s, size_t n) {
  memcpy(p, s, n);
  return p + n;
}

/* cat of a string literal. */
#define CAT(p, lit) cat(p, lit, sizeof lit - 1)

static bool plain_text(const char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (!sl__json_plain_word(s + i)) return false;
  if (i < n && n >= 8) return sl__json_plain_word(s + n - 8); /* the tail, overlapping */
  for (; i < n; i++)
    if (s[i] < 0x20 || s[i] > 0x7E || s[i] == '"' || s[i] == '\\') return false;
  return true;
}

/* The rest of a line from `p` on: `,"key":` and the float x. */
static char *cat_float(sl_strbuf *out, char *p, const char *key, size_t klen, double x) {
  p = cat(p, key, klen);
  if (sl_json_whole_float(x)) return cat(sl_json_u64_at(p, (uint64_t)x), ".0", 2);
  out->len = (size_t)(p - out->data);
  sl_json_put_float(out, x);
  /* put_float reserved nothing beyond the float: room for the rest again. */
  if (!sl_strbuf_reserve(out, 96)) return NULL;
  return out->data + out->len;
}

#define CAT_FLOAT(out, p, lit, x) cat_float(out, p, lit, sizeof lit - 1, x)

/* A step's line, with its newline when `nl`. */
/* Makes c's parts from a step line just written at out->data + line: its
 * step's digits end at `digits_end` and its `,"t":T` is at [t_at, t_end).
 * The handles of the step (nearly always at its time) copy them. */
static void parts_of_step(const sl_strbuf *out, size_t line, size_t digits_end, size_t t_at,
                          size_t t_end, sl_jsonl_handles *c, uint64_t step, double t) {
  static const char step_key[] = "{\"ev\":\"step\",\"i\":";
  size_t digits = line + sizeof step_key - 1;
  char *p = CAT(c->head, "{\"ev\":\"handle\",\"step\":");
  p = cat(p, out->data + digits, digits_end - digits);
  p = CAT(p, ",\"pos\":");
  c->head_n = (uint8_t)(p - c->head);
  p = cat(c->mid, out->data + t_at, t_end - t_at);
  p = CAT(p, ",\"name\":\"");
  c->mid_n = (uint8_t)(p - c->mid);
  c->step = step;
  memcpy(&c->t_bits, &t, sizeof c->t_bits);
  c->valid = true;
}

/* A step's line, with its newline when `nl`; with c, the parts of its
 * handles' lines too. */
static void step_text(sl_strbuf *out, uint64_t step, double t, bool has_timeout, double timeout,
                      bool nl, sl_jsonl_handles *c) {
  if (c) c->valid = false;
  if ((out->failed || out->cap - out->len <= 128) && !sl_strbuf_reserve(out, 128)) return;
  size_t line = out->len;
  char *p = CAT(out->data + line, "{\"ev\":\"step\",\"i\":");
  p = sl_json_u64_at(p, step);
  size_t digits_end = (size_t)(p - out->data);
  if (!(p = CAT_FLOAT(out, p, ",\"t\":", t))) return;
  size_t t_end = (size_t)(p - out->data);
  if (has_timeout) {
    if (!(p = CAT_FLOAT(out, p, ",\"timeout\":", timeout))) return;
  } else {
    p = CAT(p, ",\"timeout\":null");
  }
  *p++ = '}';
  if (nl) *p++ = '\n';
  *p = '\0';
  out->len = (size_t)(p - out->data);
  if (c) parts_of_step(out, line, digits_end, digits_end, t_end, c, step, t);
}

static void step_line(sl_strbuf *out, const sl_tev *e) {
  step_text(out, e->step, e->t, e->has_timeout, e->timeout, false, NULL);
}

void sl_jsonl_step_nl(sl_strbuf *out, sl_jsonl_handles *c, uint64_t step, double t,
                      bool has_timeout, double timeout) {
  step_text(out, step, t, has_timeout, timeout, true, c);
}

static void handle_line(sl_strbuf *out, const sl_tev *e) {
  if (!sl_strbuf_reserve(out, 128 + e->a.n)) return;
  char *p = CAT(out->data + out->len, "{\"ev\":\"handle\",\"step\":");
  p = sl_json_u64_at(p, e->step);
  p = CAT(p, ",\"pos\":");
  p = sl_json_u64_at(p, e->pos);
  if (!(p = CAT_FLOAT(out, p, ",\"t\":", e->t))) return;
  p = CAT(p, ",\"name\":");
  out->len = (size_t)(p - out->data);
  if (e->a.p && plain_text(e->a.p, e->a.n)) {
    /* The room reserved first is left unless the time went the general way. */
    if (out->len + e->a.n + 4 > out->cap) {
      if (!sl_strbuf_reserve(out, e->a.n + 4)) return;
      p = out->data + out->len;
    }
    *p++ = '"';
    p = cat(p, e->a.p, e->a.n);
    p = CAT(p, "\"}");
    *p = '\0';
    out->len = (size_t)(p - out->data);
    return;
  }
  sl_json_put_string(out, e->a.p, e->a.n);
  sl_strbuf_putc(out, '}');
}

/* Makes c's parts for the handles of `step` at time t (bits t_bits). The
 * time is written as any other through `out`, past its end, and taken
 * from there: a float's text is at most 24 bytes, so the parts always fit.
 * False (c left invalid) only when `out` cannot grow. */
static bool handle_parts(sl_strbuf *out, sl_jsonl_handles *c, uint64_t step, double t,
                         uint64_t t_bits) {
  c->valid = false;
  char *p = CAT(c->head, "{\"ev\":\"handle\",\"step\":");
  p = sl_json_u64_at(p, step);
  p = CAT(p, ",\"pos\":");
  c->head_n = (uint8_t)(p - c->head);
  size_t at = out->len;
  sl_strbuf_append(out, ",\"t\":", 5);
  sl_json_put_float(out, t);
  sl_strbuf_append(out, ",\"name\":\"", 9);
  if (out->failed) return false;
  size_t n = out->len - at;
  SL_ASSERT(n <= sizeof c->mid);
  memcpy(c->mid, out->data + at, n);
  c->mid_n = (uint8_t)n;
  out->len = at;
  out->data[at] = '\0';
  c->step = step;
  c->t_bits = t_bits;
  c->valid = true;
  return true;
}

/* sl_jsonl_handle_nl when its copies do not do: new parts, more room,
 * or a name that needs escapes (or null) the general way. */
static __attribute__((noinline)) void handle_nl_slow(sl_strbuf *out, sl_jsonl_handles *c,
                                                     uint64_t step, uint32_t pos, double t,
                                                     const char *name, size_t n) {
  uint64_t t_bits;
  memcpy(&t_bits, &t, sizeof t_bits);
  if (!(c->valid && c->step == step && c->t_bits == t_bits) &&
      !handle_parts(out, c, step, t, t_bits))
    return;
  size_t need = sizeof c->head + 20 + sizeof c->mid + n + 8;
  if ((out->failed || out->cap - out->len <= need) && !sl_strbuf_reserve(out, need)) return;
  if (sl_jsonl_handle_nl_copied(out, c, step, pos, t, name, n)) return;
  sl_tev e = {.kind = SL_TEV_HANDLE, .step = step, .pos = pos, .t = t};
  e.a = (sl_tstr){(char *)name, n};
  handle_line(out, &e);
  sl_strbuf_putc(out, '\n');
}

void sl_jsonl_handle_nl(sl_strbuf *out, sl_jsonl_handles *c, uint64_t step, uint32_t pos, double t,
                        const char *name, size_t n) {
  if (!sl_jsonl_handle_nl_copied(out, c, step, pos, t, name, n))
    handle_nl_slow(out, c, step, pos, t, name, n);
}

void sl_jsonl_event(sl_strbuf *out, const sl_tev *e) {
  switch (e->kind) {
  case SL_TEV_STEP: step_line(out, e); return;
  case SL_TEV_HANDLE: handle_line(out, e); return;
  case SL_TEV_TASK:
    sl_strbuf_printf(out, "{\"ev\":\"task\",\"id\":\"T%" PRIu64 "\"", e->task);
    put_str(out, "name", &e->a);
    put_str(out, "coro", &e->b);
    put_id(out, "parent", e->parent);
    sl_strbuf_printf(out, ",\"step\":%" PRIu64, e->step);
    break;
  case SL_TEV_TASK_DONE:
    sl_strbuf_printf(out, "{\"ev\":\"task_done\",\"id\":\"T%" PRIu64 "\",\"step\":%" PRIu64,
                     e->task, e->step);
    put_str(out, "outcome", &e->a);
    put_str(out, "detail", &e->b);
    break;
  case SL_TEV_OUTPUT:
    sl_strbuf_printf(out, "{\"ev\":\"output\",\"step\":%" PRIu64, e->step);
    put_id(out, "task", e->task);
    put_str(out, "text", &e->a);
    break;
  case SL_TEV_DECISION:
    sl_strbuf_printf(out, "{\"ev\":\"decision\",\"step\":%" PRIu64, e->step);
    put_str(out, "kind", &e->a);
    put_float(out, "value", e->t);
    break;
  case SL_TEV_TIMER:
    sl_strbuf_printf(out, "{\"ev\":\"timer\",\"step\":%" PRIu64 ",\"op\":\"%s\"", e->step,
                     e->cancelled ? "cancelled" : "scheduled");
    put_float(out, "when", e->t);
    break;
  case SL_TEV_ERROR:
    sl_strbuf_printf(out, "{\"ev\":\"error\",\"step\":%" PRIu64, e->step);
    put_str(out, "message", &e->a);
    put_str(out, "exception", &e->b);
    break;
  case SL_TEV_SOCK:
    sl_strbuf_printf(out, "{\"ev\":\"sock\",\"step\":%" PRIu64, e->step);
    put_str(out, "op", &e->a);
    put_int(out, "conn", e->conn);
    put_int(out, "fd", (uint64_t)e->fd);
    if (e->peer >= 0)
      put_int(out, "peer", (uint64_t)e->peer);
    else
      sl_strbuf_puts(out, ",\"peer\":null");
    put_int(out, "n", e->n);
    put_float(out, "t", e->t);
    break;
  }
  sl_strbuf_putc(out, '}');
}

void sl_jsonl_run_line(sl_strbuf *out, const sl_trace_meta *m) {
  sl_strbuf_puts(out, "{\"ev\":\"run\"");
  put_str(out, "engine", &m->engine);
  put_str(out, "engine_version", &m->engine_version);
  put_str(out, "python", &m->python);
  put_str(out, "scenario", &m->scenario);
  put_str(out, "sha256", &m->sha256);
  if (m->has_seed)
    sl_strbuf_printf(out, ",\"seed\":%" PRId64, m->seed);
  else
    sl_strbuf_puts(out, ",\"seed\":null");
  put_str(out, "impl", &m->impl);
  sl_strbuf_putc(out, '}');
}

void sl_jsonl_end_line(sl_strbuf *out, const sl_trace_meta *m) {
  sl_strbuf_puts(out, "{\"ev\":\"end\"");
  put_str(out, "outcome", &m->outcome);
  put_str(out, "detail", &m->detail);
  sl_strbuf_printf(out, ",\"steps\":%" PRIu64, m->steps);
  put_float(out, "t", m->t);
  sl_strbuf_putc(out, '}');
}

sl_errcode sl_jsonl_write(FILE *f, const sl_trace *tr) {
  /* Lines are gathered into chunks of about 256 KiB, each written with one
   * fwrite: a call (and a stdio buffer's worth of write(2)) per line was a
   * large part of writing a million-event trace. */
  sl_strbuf line = SL_STRBUF_INIT;
  sl_errcode rc = SL_EOK;
  for (size_t i = 0; i <= tr->nev + 1 && rc == SL_EOK; i++) {
    if (i == 0)
      sl_jsonl_run_line(&line, &tr->meta);
    else if (i <= tr->nev)
      sl_jsonl_event(&line, &tr->ev[i - 1]);
    else
      sl_jsonl_end_line(&line, &tr->meta);
    sl_strbuf_putc(&line, '\n');
    if (line.failed)
      rc = SL_ENOMEM;
    else if (line.len >= (256u << 10) || i == tr->nev + 1) {
      if (fwrite(line.data, 1, line.len, f) != line.len) rc = SL_EIO;
      sl_strbuf_clear(&line);
    }
  }
  sl_strbuf_free(&line);
  if (rc == SL_EOK && fflush(f) != 0) rc = SL_EIO;
  return rc;
}

/* ---- reading --------------------------------------------------------- */

void sl_trace_list_free(sl_trace_list *l) {
  for (size_t i = 0; i < l->n; i++) sl_trace_free(&l->runs[i]);
  sl_free(l->runs);
  l->runs = NULL;
  l->n = 0;
}

/* State of one read: where we are, for messages. */
typedef struct reader {
  const char *name;
  size_t line;
  sl_strbuf *err;
  sl_errcode rc;
} reader;

static bool bad(reader *r, size_t col, const char *fmt, const char *arg) {
  if (r->rc != SL_EOK) return false;
  r->rc = SL_ECORRUPT;
  sl_strbuf_printf(r->err, "%s:%zu:%zu: ", r->name, r->line, col);
  sl_strbuf_printf(r->err, fmt, arg);
  sl_strbuf_putc(r->err, '\n');
  return false;
}

static bool nomem(reader *r) {
  if (r->rc == SL_EOK) r->rc = SL_ENOMEM;
  return false;
}

/* Field readers: each checks presence and type and reports a clear error. */
static bool f_str(reader *r, const sl_json *o, const char *key, bool nullable, sl_tstr *dst) {
  const sl_json *v = sl_json_get(o, key);
  if (!v) return bad(r, 1, "missing field \"%s\"", key);
  if (v->type == SL_JSON_NULL && nullable) return sl_tstr_set(dst, NULL, 0);
  if (v->type != SL_JSON_STRING)
    return bad(r, 1,
               nullable ? "field \"%s\" must be a string or null" : "field \"%s\" must be a string",
               key);
  return sl_tstr_set(dst, v->s, v->n) || nomem(r);
}

static bool f_uint(reader *r, const sl_json *o, const char *key, uint64_t *dst) {
  const sl_json *v = sl_json_get(o, key);
  if (!v) return bad(r, 1, "missing field \"%s\"", key);
  if (v->type != SL_JSON_NUMBER || !v->is_int || v->i < 0)
    return bad(r, 1, "field \"%s\" must be a non-negative integer", key);
  *dst = (uint64_t)v->i;
  return true;
}

/* A float field; *has (when given) is false for null. */
static bool f_num(reader *r, const sl_json *o, const char *key, bool *has, double *dst) {
  const sl_json *v = sl_json_get(o, key);
  if (!v) return bad(r, 1, "missing field \"%s\"", key);
  if (v->type == SL_JSON_NULL && has) {
    *has = false;
    *dst = 0;
    return true;
  }
  if (v->type != SL_JSON_NUMBER)
    return bad(
        r, 1, has ? "field \"%s\" must be a number or null" : "field \"%s\" must be a number", key);
  /* Python writes float('nan') as NaN, but no time or value of a run is
   * NaN, and the database could not keep one (SQLite stores NULL). */
  if (isnan(v->d)) return bad(r, 1, "field \"%s\" is NaN; a time or value must be a number", key);
  if (has) *has = true;
  *dst = v->d;
  return true;
}

/* A task id "T<k>" (k >= 1); null gives 0 when nullable. */
static bool f_tid(reader *r, const sl_json *o, const char *key, bool nullable, uint64_t *dst) {
  const sl_json *v = sl_json_get(o, key);
  if (!v) return bad(r, 1, "missing field \"%s\"", key);
  if (v->type == SL_JSON_NULL && nullable) {
    *dst = 0;
    return true;
  }
  if (v->type == SL_JSON_STRING && v->n >= 2 && v->n < 20 && v->s[0] == 'T' && v->s[1] >= '1' &&
      v->s[1] <= '9') {
    char *end;
    errno = 0;
    unsigned long long k = strtoull(v->s + 1, &end, 10);
    if (!errno && end == v->s + v->n) {
      *dst = k;
      return true;
    }
  }
  return bad(r, 1, "field \"%s\" must be a task id \"T<k>\"", key);
}

static bool f_enum(reader *r, const sl_json *o, const char *key, const char *const *allowed,
                   sl_tstr *dst) {
  if (!f_str(r, o, key, false, dst)) return false;
  for (; *allowed; allowed++)
    if (!strcmp(dst->p, *allowed)) return true;
  return bad(r, 1, "field \"%s\" has an unknown value", key);
}

static const char *const OUTCOMES[] = {"result", "exception", "cancelled", NULL};
static const char *const KINDS[] = {"cost", "oversleep", "seed", "io", "thread", NULL};
static const char *const SOCK_OPS[] = {"pair",     "connect", "accept", "send", "recv",
                                       "shutdown", "close",   "reset",  NULL};

/* A descriptor: an integer in [0, 2**31), or null (-1) when allowed. */
static bool f_fd(reader *r, const sl_json *o, const char *key, bool nullable, int32_t *dst) {
  const sl_json *v = sl_json_get(o, key);
  if (!v) return bad(r, 1, "missing field \"%s\"", key);
  if (nullable && v->type == SL_JSON_NULL) {
    *dst = -1;
    return true;
  }
  if (v->type != SL_JSON_NUMBER || !v->is_int || v->i < 0 || v->i > INT32_MAX)
    return bad(r, 1,
               nullable ? "field \"%s\" must be a descriptor (an integer >= 0) or null"
                        : "field \"%s\" must be a descriptor (an integer >= 0)",
               key);
  *dst = (int32_t)v->i;
  return true;
}

/* Reads one event object into `tr`. */
static bool read_event(reader *r, const char *ev, const sl_json *o, sl_trace *tr) {
  sl_tev *e;
  static const struct {
    const char *name;
    sl_tev_kind kind;
  } table[] = {
      {"step", SL_TEV_STEP},           {"handle", SL_TEV_HANDLE}, {"task", SL_TEV_TASK},
      {"task_done", SL_TEV_TASK_DONE}, {"output", SL_TEV_OUTPUT}, {"decision", SL_TEV_DECISION},
      {"timer", SL_TEV_TIMER},         {"error", SL_TEV_ERROR},   {"sock", SL_TEV_SOCK},
  };
  size_t k = 0;
  while (k < sizeof table / sizeof *table && strcmp(table[k].name, ev)) k++;
  if (k == sizeof table / sizeof *table) return bad(r, 1, "unknown event \"%s\"", ev);
  if (!(e = sl_trace_push(tr, table[k].kind))) return nomem(r);
  uint64_t pos = 0;
  switch (e->kind) {
  case SL_TEV_STEP:
    return f_uint(r, o, "i", &e->step) && f_num(r, o, "t", NULL, &e->t) &&
           f_num(r, o, "timeout", &e->has_timeout, &e->timeout);
  case SL_TEV_HANDLE:
    if (!(f_uint(r, o, "step", &e->step) && f_uint(r, o, "pos", &pos) &&
          f_num(r, o, "t", NULL, &e->t) && f_str(r, o, "name", false, &e->a)))
      return false;
    if (pos > UINT32_MAX) return bad(r, 1, "field \"%s\" is too large", "pos");
    e->pos = (uint32_t)pos;
    return true;
  case SL_TEV_TASK:
    return f_tid(r, o, "id", false, &e->task) && f_str(r, o, "name", true, &e->a) &&
           f_str(r, o, "coro", true, &e->b) && f_tid(r, o, "parent", true, &e->parent) &&
           f_uint(r, o, "step", &e->step);
  case SL_TEV_TASK_DONE:
    return f_tid(r, o, "id", false, &e->task) && f_uint(r, o, "step", &e->step) &&
           f_enum(r, o, "outcome", OUTCOMES, &e->a) && f_str(r, o, "detail", true, &e->b);
  case SL_TEV_OUTPUT:
    return f_uint(r, o, "step", &e->step) && f_tid(r, o, "task", true, &e->task) &&
           f_str(r, o, "text", false, &e->a);
  case SL_TEV_DECISION:
    return f_uint(r, o, "step", &e->step) && f_enum(r, o, "kind", KINDS, &e->a) &&
           f_num(r, o, "value", NULL, &e->t);
  case SL_TEV_TIMER: {
    sl_tstr op = {NULL, 0};
    static const char *const OPS[] = {"scheduled", "cancelled", NULL};
    bool ok = f_uint(r, o, "step", &e->step) && f_enum(r, o, "op", OPS, &op) &&
              f_num(r, o, "when", NULL, &e->t);
    if (ok) e->cancelled = !strcmp(op.p, "cancelled");
    sl_tstr_free(&op);
    return ok;
  }
  case SL_TEV_ERROR:
    return f_uint(r, o, "step", &e->step) && f_str(r, o, "message", true, &e->a) &&
           f_str(r, o, "exception", true, &e->b);
  case SL_TEV_SOCK:
    return f_uint(r, o, "step", &e->step) && f_enum(r, o, "op", SOCK_OPS, &e->a) &&
           f_uint(r, o, "conn", &e->conn) && f_fd(r, o, "fd", false, &e->fd) &&
           f_fd(r, o, "peer", true, &e->peer) && f_uint(r, o, "n", &e->n) &&
           f_num(r, o, "t", NULL, &e->t);
  }
  return false;
}

static bool read_run_line(reader *r, const sl_json *o, sl_trace_meta *m) {
  if (!(f_str(r, o, "engine", false, &m->engine) &&
        f_str(r, o, "engine_version", false, &m->engine_version) &&
        f_str(r, o, "python", false, &m->python) && f_str(r, o, "scenario", false, &m->scenario) &&
        f_str(r, o, "sha256", false, &m->sha256) && f_str(r, o, "impl", false, &m->impl)))
    return false;
  const sl_json *seed = sl_json_get(o, "seed");
  if (!seed) return bad(r, 1, "missing field \"%s\"", "seed");
  if (seed->type == SL_JSON_NULL)
    m->has_seed = false;
  else if (seed->type == SL_JSON_NUMBER && seed->is_int) {
    m->has_seed = true;
    m->seed = seed->i;
  } else
    return bad(r, 1, "field \"%s\" must be an integer or null", "seed");
  return true;
}

static bool read_end_line(reader *r, const sl_json *o, sl_trace_meta *m) {
  static const char *const ENDS[] = {
      "ok",     "exception", "deadlock", "assertion", "never-retrieved", "pending-at-exit",
      "budget", NULL};
  m->ended = true;
  return f_enum(r, o, "outcome", ENDS, &m->outcome) && f_str(r, o, "detail", true, &m->detail) &&
         f_uint(r, o, "steps", &m->steps) && f_num(r, o, "t", NULL, &m->t);
}

sl_errcode sl_jsonl_read_buf(const char *name, const char *text, size_t len, sl_trace_list *out,
                             sl_strbuf *err) {
  reader r = {name, 0, err, SL_EOK};
  sl_trace_list got = {NULL, 0};
  sl_trace *cur = NULL; /* the run being read, between its run and end lines */
  size_t run_line = 0;
  const char *p = text, *end = text + len;
  while (p < end && r.rc == SL_EOK) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    r.line++;
    size_t n = (size_t)(le - p);
    if (n && p[n - 1] == '\r') n--;
    size_t blank = 0;
    while (blank < n && (p[blank] == ' ' || p[blank] == '\t')) blank++;
    if (blank < n) {
      sl_json_error je;
      sl_json *o = sl_json_parse(p, n, &je);
      const sl_json *ev = o ? sl_json_get(o, "ev") : NULL;
      if (!o) {
        if (!strcmp(je.message, "out of memory"))
          nomem(&r);
        else
          bad(&r, je.col, "%s", je.message);
      } else if (o->type != SL_JSON_OBJECT) {
        bad(&r, 1, "%s", "each line must be a JSON object");
      } else if (!ev || ev->type != SL_JSON_STRING) {
        bad(&r, 1, "%s", "missing string field \"ev\"");
      } else if (!strcmp(ev->s, "run")) {
        if (cur) {
          char where[32];
          snprintf(where, sizeof where, "%zu", run_line);
          bad(&r, 1, "a new run starts before the run of line %s ended (no \"end\" line)", where);
        } else {
          sl_trace *runs = sl_realloc(got.runs, (got.n + 1) * sizeof *runs);
          if (!runs)
            nomem(&r);
          else {
            got.runs = runs;
            cur = &runs[got.n++];
            sl_trace_init(cur);
            run_line = r.line;
            read_run_line(&r, o, &cur->meta);
          }
        }
      } else if (!cur) {
        bad(&r, 1, "event \"%s\" before any \"run\" line", ev->s);
      } else if (!strcmp(ev->s, "end")) {
        read_end_line(&r, o, &cur->meta);
        cur = NULL;
      } else {
        read_event(&r, ev->s, o, cur);
      }
      sl_json_free(o);
    }
    p = nl ? nl + 1 : end;
  }
  if (r.rc == SL_EOK && cur) {
    char where[32];
    snprintf(where, sizeof where, "%zu", run_line);
    r.line++;
    bad(&r, 1, "the run that starts on line %s has no \"end\" line (truncated trace?)", where);
  }
  if (r.rc == SL_EOK && got.n == 0) {
    r.line = 1;
    bad(&r, 1, "%s", "no run in this file (expected a line with \"ev\":\"run\")");
  }
  if (r.rc != SL_EOK) {
    sl_trace_list_free(&got);
    return r.rc;
  }
  *out = got;
  return SL_EOK;
}

sl_errcode sl_jsonl_read_file(const char *path, sl_trace_list *out, sl_strbuf *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    sl_strbuf_printf(err, "%s: cannot open: %s\n", path, strerror(errno));
    return SL_EIO;
  }
  sl_strbuf buf = SL_STRBUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sl_strbuf_append(&buf, chunk, n);
  bool ioerr = ferror(f);
  fclose(f);
  if (ioerr) {
    sl_strbuf_printf(err, "%s: read error\n", path);
    sl_strbuf_free(&buf);
    return SL_EIO;
  }
  if (buf.failed) {
    sl_strbuf_free(&buf);
    return SL_ENOMEM;
  }
  sl_errcode rc = sl_jsonl_read_buf(path, buf.data ? buf.data : "", buf.len, out, err);
  sl_strbuf_free(&buf);
  return rc;
}
