/* The trace database writer's state (tracedb_write.c), shared with the
 * stream (tstream.c) for the inline common case of a handle's entry. */
#ifndef SL_TRACEDB_WRITE_INT_H
#define SL_TRACEDB_WRITE_INT_H

#include <string.h>

#include "traces/jsonl.h"
#include "traces/tracedb-int.h"
#include "traces/tracedb_bg.h"

/* Events per handle_chunks / step_chunks row (schema.sql). */
#define CHUNK_EVENTS 256

enum {
  S_RUN,
  S_RUN_END,
  S_STEP_CHUNK,
  S_HANDLE_CHUNK,
  S_TASK,
  S_TASK_DONE,
  S_OUTPUT,
  S_DECISION,
  S_EVENT,
  S_SOCK,
  S_NAME_ADD,
  S_NAME_ID,
  S_NAME_RUN,
  S__COUNT
};

/* ---- handle name ids ----------------------------------------------------
 * A run has few distinct handle names but many handle events, so the store
 * resolves each distinct name to its handle_names id once (an open-addressing
 * table of owned copies) instead of once per event. */

typedef struct name_slot {
  char *p; /* owned copy; NULL: empty slot */
  size_t n;
  uint64_t hash;
  int64_t id;
  int64_t count; /* handle events of this name in the run */
  /* Its index in the names of the handle chunk being built, valid while
   * chunk_gen is that chunk's generation. */
  uint32_t chunk_gen, chunk_k;
  /* owned: ',' and the name as a JSON string, as a chunk's names list it
   * (made once: a chunk lists each of its names, ~11 a chunk here) */
  char *listed;
  size_t listed_n;
} name_slot;

/* A name seen lately: the address of the text it came as and its slot. */
typedef struct recent_name {
  const char *p; /* NULL: none */
  size_t k;
} recent_name;

/* Lately seen names, by their text's address (a power of two). */
#define RECENT_NAMES 64

typedef struct name_ids {
  name_slot *slot;
  size_t cap, len; /* cap is a power of two */
  /* The run passes a repeated name as the same text (core/handle.c keeps
   * canonical names), so a name's slot is first looked up by the address
   * of its text: a compare of the text instead of its hash and a probe.
   * The text is still compared (an address can hold another name later);
   * cleared when the table grows (slots move). */
  recent_name recent[RECENT_NAMES];
} name_ids;

/* The entry of text at address p among the recent names: the top 6 bits
 * of the address (without its low 4 bits, mostly alignment) times 2^64
 * over the golden ratio, so nearby texts spread over the entries. */
static inline recent_name *recent_of(name_ids *m, const char *p) {
  _Static_assert(RECENT_NAMES == 64, "the product's top 6 bits pick the entry");
  return &m->recent[(uint64_t)((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15u >> 58];
}

/* Events of one kind not yet stored: a JSON array of entries being built
 * (schema.sql: handle_chunks, step_chunks). A handle chunk also gathers
 * the distinct names its entries refer to by index. */
typedef struct chunk {
  sl_strbuf text;
  uint64_t seq;  /* seq of its first event */
  uint64_t step; /* step of its first event (handle chunks) */
  int n;         /* entries in it */
  int stmt;      /* the insert that stores it */
  sl_strbuf names;
  uint32_t names_n;
  uint32_t gen; /* which chunk of the run this is, from 1 */
} chunk;

/* The writer: the open transaction's statements and what a run's rows
 * need beyond one event. */
struct sl_tracedb_writer {
  sl_tracedb *db; /* borrowed */
  sqlite3_stmt *st[S__COUNT];
  int64_t run;
  uint64_t seq; /* the next event's position in the run */
  name_ids names;
  /* A step's row is written when the next step begins (or the run ends):
   * it counts the handles run in it. */
  bool step_pending, step_has_timeout;
  uint64_t step_step;
  double step_t, step_timeout;
  uint64_t step_seq;
  int64_t step_handles;
  chunk steps, handles;
  /* The text of the last handle entry's time (t_n bytes, valid when t_n):
   * a step's handles share their time, and writing it was a sixth of an
   * entry's cost. */
  uint64_t t_bits;
  uint8_t t_n;
  char t_text[32];
  /* full chunks stored by a thread (sl_tracedb_writer_use_thread): wanted
   * until started at the first */
  bool bg_wanted;
  sl__chunk_bg bg;
  sl_errcode failed; /* SL_EOK, or the first failure (message in err) */
  sl_strbuf err;
};

/* Whether the n bytes at a and b are the same: a name of 8 to 16 bytes
 * (most handle names) as two words, overlapping, without a call. */
static inline bool same_text(const char *a, const char *b, size_t n) {
  if (n < 8 || n > 16) return !memcmp(a, b, n);
  uint64_t x, y, u, v;
  memcpy(&x, a, 8);
  memcpy(&y, b, 8);
  memcpy(&u, a + n - 8, 8);
  memcpy(&v, b + n - 8, 8);
  return ((x ^ y) | (u ^ v)) == 0;
}

/* Entries are written straight into their chunk's text: a million
 * entries of a few short appends each were a visible part of recording,
 * and then so was the copy of each from a local buffer. An entry is at
 * most 104 bytes (5 integers of up to 20 digits, 2 whole floats of up to
 * 18 characters, punctuation); ENTRY_ROOM leaves room for its ']' and the
 * text's NUL. */
#define ENTRY_ROOM 128

/* sl_json_u64_at, with numbers below 1,000 (a handle entry's offset from
 * its chunk's first event is below CHUNK_EVENTS plus the steps between)
 * written without a count of digits. */
static inline char *small_at(char *p, uint64_t v) {
  if (v < 100 || v >= 1000) return sl_json_u64_at(p, v);
  static const char pairs[201] =
      "00010203040506070809101112131415161718192021222324252627282930313233"
      "34353637383940414243444546474849505152535455565758596061626364656667"
      "6869707172737475767778798081828384858687888990919293949596979899";
  unsigned h = (unsigned)v / 100;
  p[0] = (char)('0' + h);
  memcpy(p + 1, pairs + 2 * ((unsigned)v - 100 * h), 2);
  return p + 3;
}

/* sl_tracedb_writer_handle's common case, inline in the stream's handle
 * slot (traces/tstream.c: a streamed run has one per handle): the writer
 * has not failed, the name came as the text of a recent one already in
 * this chunk's names, the chunk has room and is neither new nor about to
 * fill, and the time is the last entry's. The entry is then added and
 * true returned; else false, with nothing done. */
static inline __attribute__((always_inline)) bool
sl__tracedb_writer_handle_quick(sl_tracedb_writer *w, uint64_t step, uint32_t pos, double t,
                                const char *name, size_t n) {
  chunk *c = &w->handles;
  sl_strbuf *b = &c->text;
  uint64_t bits;
  memcpy(&bits, &t, sizeof bits);
  if (w->failed != SL_EOK || !name || !w->t_n || bits != w->t_bits || !c->n ||
      c->n >= CHUNK_EVENTS - 1 || b->cap - b->len <= ENTRY_ROOM)
    return false;
  name_ids *m = &w->names;
  const recent_name *r = recent_of(m, name);
  if (r->p != name) return false;
  name_slot *ns = &m->slot[r->k];
  if (ns->n != n || ns->chunk_gen != c->gen || !same_text(ns->p, name, n)) return false;
  ns->count++;
  char *q = b->data + b->len;
  q[0] = ',';
  q[1] = '[';
  q = small_at(q + 2, w->seq++ - c->seq);
  *q++ = ',';
  q = sl_json_u64_at(q, step - c->step);
  *q++ = ',';
  q = sl_json_u64_at(q, pos);
  *q++ = ',';
  memcpy(q, w->t_text, sizeof w->t_text); /* room: see handle_time */
  q += w->t_n;
  *q++ = ',';
  q = sl_json_u64_at(q, ns->chunk_k);
  q[0] = ']';
  q[1] = '\0';
  b->len = (size_t)(q + 1 - b->data);
  c->n++;
  w->step_handles++;
  return true;
}

#endif
