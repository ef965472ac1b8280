/* The JSON Lines form of a trace (docs/trace.md): writing and reading.
 *
 * The writer produces exactly the bytes Python's
 * json.dumps(ev, separators=(",", ":")) produces for the oracle's events:
 * keys in the documented order, ASCII only (other characters as \uXXXX),
 * floats as Python's repr (NaN, Infinity as Python's json writes them).
 * So the same run gives the same text, and the same hash, in both engines.
 *
 * The reader accepts any number of runs in one file (the oracle writes a
 * batch that way), each from its `run` line to its `end` line. */
#ifndef SL_JSONL_H
#define SL_JSONL_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/errors.h"
#include "core/strbuf.h"
#include "traces/trace.h"

/* Appends the JSONL line of one event / the run line / the end line,
 * without the newline. Failures mark `out` failed (see strbuf.h). */
void sl_jsonl_event(sl_strbuf *out, const sl_tev *ev);
void sl_jsonl_run_line(sl_strbuf *out, const sl_trace_meta *m);
void sl_jsonl_end_line(sl_strbuf *out, const sl_trace_meta *m);
/* What the handle lines of one step share: every handle of a step runs
 * at the same step and (nearly always) the same time, so of its line
 * {"ev":"handle","step":S,"pos":P,"t":T,"name":"N"} only P and N change.
 * The rest is kept as text (made by the first handle of the step) and
 * copied: a recorded run writes a line per handle (a million for
 * bench/switches.py), and making S and T again was most of a line's cost.
 * Zeroed it holds nothing. */
typedef struct sl_jsonl_handles {
  uint64_t step, t_bits; /* the step and the time's bits the parts are of */
  bool valid;
  uint8_t head_n, mid_n;
  char head[64]; /* {"ev":"handle","step":S,"pos": */
  char mid[64];  /* ,"t":T,"name":" */
} sl_jsonl_handles;

/* Appends the JSONL line of a handle event and its newline, the same
 * bytes as sl_jsonl_event and a '\n' (name NULL: JSON null). Failures
 * mark `out` failed. */
void sl_jsonl_handle_nl(sl_strbuf *out, sl_jsonl_handles *c, uint64_t step, uint32_t pos, double t,
                        const char *name, size_t n);

/* Appends the JSONL line of a step event and its newline, the same bytes
 * as sl_jsonl_event and a '\n' (timeout left out of the line unless
 * has_timeout). Failures mark `out` failed. With c (may be NULL), the
 * step's handle lines' parts are made from the line: its step and time. */
void sl_jsonl_step_nl(sl_strbuf *out, sl_jsonl_handles *c, uint64_t step, double t,
                      bool has_timeout, double timeout);

/* Appends a JSON string literal for s[0..n) (UTF-8), escaped as Python's
 * json module does with ensure_ascii; s NULL writes null. */
void sl_json_put_string(sl_strbuf *out, const char *s, size_t n);
/* Appends a float as Python's json module writes it. */
void sl_json_put_float(sl_strbuf *out, double x);

/* Whether x is written as its digits and ".0" (most trace times are
 * whole): whole, non-negative and below 1e16, where Python's repr switches
 * to exponent notation. The range is checked first, so the conversion is
 * exact where it is compared, and no call to floor is needed. */
static inline bool sl_json_whole_float(double x) {
  return x >= 0 && x < 1e16 && (double)(uint64_t)x == x && !signbit(x);
}

/* Writes v in decimal at p (room for 20 digits) and returns the end:
 * the digits are put in place, last first, with no buffer to copy from
 * (traces write millions of numbers), two at a time from a table of the
 * pairs 00..99. The count of digits comes from v's bit length (a bit adds
 * log10(2) = 1233/4096 of a digit, the estimate is low by at most one,
 * which the comparison with the power of ten fixes), not from dividing. */
static inline char *sl_json_u64_at(char *p, uint64_t v) {
  static const uint64_t pow10[20] = {1u,
                                     10u,
                                     100u,
                                     1000u,
                                     10000u,
                                     100000u,
                                     1000000u,
                                     10000000u,
                                     100000000u,
                                     1000000000u,
                                     10000000000u,
                                     100000000000u,
                                     1000000000000u,
                                     10000000000000u,
                                     100000000000000u,
                                     1000000000000000u,
                                     10000000000000000u,
                                     100000000000000000u,
                                     1000000000000000000u,
                                     10000000000000000000u};
  static const char pairs[201] =
      "00010203040506070809101112131415161718192021222324252627282930313233"
      "34353637383940414243444546474849505152535455565758596061626364656667"
      "6869707172737475767778798081828384858687888990919293949596979899";
  /* Most numbers of a trace are small (a handle's position in its step,
   * a chunk entry's offsets): no count of digits for them. */
  if (v < 10) {
    *p = (char)('0' + v);
    return p + 1;
  }
  if (v < 100) {
    memcpy(p, pairs + 2 * v, 2);
    return p + 2;
  }
  unsigned t = (unsigned)(64 - __builtin_clzll(v | 1)) * 1233u >> 12;
  char *end = p + t + ((v | 1) >= pow10[t]);
  p = end;
  for (; v >= 100; v /= 100) {
    p -= 2;
    memcpy(p, pairs + 2 * (v % 100), 2);
  }
  if (v >= 10) {
    memcpy(p - 2, pairs + 2 * v, 2);
  } else {
    p[-1] = (char)('0' + v);
  }
  return end;
}
/* Appends v in decimal. */
void sl_json_put_u64(sl_strbuf *out, uint64_t v);

/* Writes a whole run (run line, events, end line) to `f`. Returns SL_EIO
 * when writing fails, SL_ENOMEM when out of memory. */
sl_errcode sl_jsonl_write(FILE *f, const sl_trace *tr);

/* A list of runs read from one file; owns them. */
typedef struct sl_trace_list {
  sl_trace *runs;
  size_t n;
} sl_trace_list;

void sl_trace_list_free(sl_trace_list *l);

/* Reads every run of `text` (named `name` in messages) into `out`, which
 * must be empty. On bad input returns SL_ECORRUPT and appends to `err` one
 * line "NAME:LINE:COL: what is wrong" (nothing is added to `out`);
 * SL_ENOMEM when out of memory. */
sl_errcode sl_jsonl_read_buf(const char *name, const char *text, size_t len, sl_trace_list *out,
                             sl_strbuf *err);
/* Same for a file; SL_EIO (with a message) when it cannot be read. */
sl_errcode sl_jsonl_read_file(const char *path, sl_trace_list *out, sl_strbuf *err);

/* ---- the handle line's copies (sl_jsonl_handle_nl_copied) ---------------- */

/* Printable ASCII without '"' or '\\': written as it is. Eight bytes at a
 * time (handle names are most of a long trace's text): a word passes when
 * none of its bytes is below 0x20 or above 0x7E, and none equals '"' or
 * '\\' (the "has a zero byte" test of x ^ c). Each test is exact for
 * "some byte of the word", the only question asked. */
static inline __attribute__((always_inline)) bool sl__json_plain_word(const char *s) {
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  uint64_t w, q, b;
  memcpy(&w, s, 8);
  q = w ^ (ones * '"');
  b = w ^ (ones * '\\');
  return !((((w - ones * 0x20) & ~w) | (w + ones) | w | ((q - ones) & ~q) | ((b - ones) & ~b)) &
           highs);
}

#ifdef __SSE2__
/* Whether none of the 16 bytes of v is outside ' '..'~' or is '"' or '\\'
 * (bytes from 0x80 compare below ' ' as signed). */
static inline __attribute__((always_inline)) bool sl__json_plain_vec(__m128i v) {
  __m128i bad = _mm_or_si128(
      _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  return _mm_movemask_epi8(bad) == 0;
}
#endif

/* plain_text(s, n) that also copies s to dst (room for n bytes) as it
 * goes: each piece is stored where it was checked, so a handle name costs
 * one pass and no memcpy call. With SSE2 a name of 8 to 16 bytes (most of
 * them) is checked as one vector of its first and last 8 bytes. When
 * false, dst holds some of s (the caller writes the line again the
 * general way). */
static inline __attribute__((always_inline)) bool sl__json_copy_plain(char *dst, const char *s,
                                                                      size_t n) {
  if (n < 8) {
    for (size_t i = 0; i < n; i++) {
      if (s[i] < 0x20 || s[i] > 0x7E || s[i] == '"' || s[i] == '\\') return false;
      dst[i] = s[i];
    }
    return true;
  }
#ifdef __SSE2__
  if (n <= 16) {
    __m128i lo = _mm_loadl_epi64((const __m128i *)s);
    __m128i hi = _mm_loadl_epi64((const __m128i *)(s + n - 8));
    if (!sl__json_plain_vec(_mm_unpacklo_epi64(lo, hi))) return false;
    _mm_storel_epi64((__m128i *)dst, lo);
    _mm_storel_epi64((__m128i *)(dst + n - 8), hi);
    return true;
  }
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
    if (!sl__json_plain_vec(v)) return false;
    _mm_storeu_si128((__m128i *)(dst + i), v);
  }
  if (i < n) { /* the tail, overlapping */
    __m128i v = _mm_loadu_si128((const __m128i *)(s + n - 16));
    if (!sl__json_plain_vec(v)) return false;
    _mm_storeu_si128((__m128i *)(dst + n - 16), v);
  }
#else
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    if (!sl__json_plain_word(s + i)) return false;
    memcpy(dst + i, s + i, 8);
  }
  if (i < n) { /* the tail, overlapping */
    if (!sl__json_plain_word(s + n - 8)) return false;
    memcpy(dst + n - 8, s + n - 8, 8);
  }
#endif
  return true;
}

/* The line of sl_jsonl_handle_nl when it needs nothing but copies: the
 * parts are of this step and time, there is room, and the name is plain.
 * False (out unchanged but for bytes past its end) when it needs more:
 * then call sl_jsonl_handle_nl. Inline, so that a recorded handle's line
 * costs its writer no call (~25 instructions of each). */
static inline __attribute__((always_inline)) bool
sl_jsonl_handle_nl_copied(sl_strbuf *out, const sl_jsonl_handles *c, uint64_t step, uint32_t pos,
                          double t, const char *name, size_t n) {
  uint64_t t_bits;
  memcpy(&t_bits, &t, sizeof t_bits);
  if (!c->valid || c->step != step || c->t_bits != t_bits || !name || out->failed ||
      out->cap - out->len <= sizeof c->head + 20 + sizeof c->mid + n + 8)
    return false;
  /* The parts are copied whole (a fixed size copies in a few moves) and
   * the end moved back to their length. */
  char *p = out->data + out->len;
  memcpy(p, c->head, sizeof c->head);
  p = sl_json_u64_at(p + c->head_n, pos);
  memcpy(p, c->mid, sizeof c->mid);
  p += c->mid_n;
  if (!sl__json_copy_plain(p, name, n)) return false;
  p += n;
  memcpy(p, "\"}\n", 4); /* with the terminating NUL */
  out->len = (size_t)(p + 3 - out->data);
  return true;
}

#endif
