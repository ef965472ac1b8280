/* The in-memory trace (see trace.h) and its hash. */
#include "traces/trace.h"

#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "traces/jsonl.h"
#include "traces/sha256.h"

void sl_trace_init(sl_trace *tr) { memset(tr, 0, sizeof *tr); }

static void meta_free(sl_trace_meta *m) {
  sl_tstr *all[] = {&m->engine, &m->engine_version, &m->python,  &m->impl,  &m->scenario,
                    &m->sha256, &m->strategy,       &m->outcome, &m->detail};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) sl_tstr_free(all[i]);
}

static void pool_free(sl_tpool *pool) {
  for (size_t i = 0; i < pool->cap; i++) sl_free(pool->slot[i].p);
  sl_free(pool->slot);
}

void sl_trace_free(sl_trace *tr) {
  for (size_t i = 0; i < tr->nev; i++) {
    if (tr->ev[i].pooled) continue;
    sl_tstr_free(&tr->ev[i].a);
    sl_tstr_free(&tr->ev[i].b);
  }
  sl_free(tr->ev);
  pool_free(&tr->pool);
  meta_free(&tr->meta);
  sl_trace_init(tr);
}

sl_tev *sl_trace_push(sl_trace *tr, sl_tev_kind kind) {
  if (tr->nev == tr->cap) {
    size_t cap = tr->cap ? tr->cap * 2 : 64;
    sl_tev *ev = sl_realloc(tr->ev, cap * sizeof *ev);
    if (!ev) return NULL;
    tr->ev = ev;
    tr->cap = cap;
  }
  sl_tev *e = &tr->ev[tr->nev++];
  memset(e, 0, sizeof *e);
  e->kind = kind;
  return e;
}

/* FNV-1a over the bytes: names differ mostly in their last digits. */
static uint64_t text_hash(const char *s, size_t n) {
  uint64_t h = 14695981039346656037u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

/* The slot holding s[0..n), or the empty slot where it belongs. */
static sl_tstr *pool_slot(sl_tpool *pool, const char *s, size_t n) {
  size_t mask = pool->cap - 1;
  for (size_t i = text_hash(s, n) & mask;; i = (i + 1) & mask) {
    sl_tstr *e = &pool->slot[i];
    if (!e->p || (e->n == n && !memcmp(e->p, s, n))) return e;
  }
}

/* Doubles the table (kept at most half full, so probes stay short). */
static bool pool_grow(sl_tpool *pool) {
  size_t cap = pool->cap ? pool->cap * 2 : 64;
  sl_tstr *slot = sl_calloc(cap, sizeof *slot);
  if (!slot) return false;
  sl_tpool bigger = {slot, pool->used, cap};
  for (size_t i = 0; i < pool->cap; i++)
    if (pool->slot[i].p) *pool_slot(&bigger, pool->slot[i].p, pool->slot[i].n) = pool->slot[i];
  sl_free(pool->slot);
  *pool = bigger;
  return true;
}

bool sl_trace_intern(sl_trace *tr, sl_tstr *dst, const char *s, size_t n) {
  dst->p = NULL;
  dst->n = 0;
  if (!s) return true;
  sl_tpool *pool = &tr->pool;
  if (2 * (pool->used + 1) > pool->cap && !pool_grow(pool)) return false;
  sl_tstr *e = pool_slot(pool, s, n);
  if (!e->p) {
    if (!(e->p = sl_strndup(s, n))) return false;
    e->n = n;
    pool->used++;
  }
  *dst = *e;
  return true;
}

bool sl_tstr_set(sl_tstr *dst, const char *s, size_t n) {
  sl_tstr_free(dst);
  if (!s) return true;
  char *p = sl_strndup(s, n);
  if (!p) return false;
  dst->p = p;
  dst->n = n;
  return true;
}

bool sl_tstr_setz(sl_tstr *dst, const char *s) { return sl_tstr_set(dst, s, s ? strlen(s) : 0); }

void sl_tstr_free(sl_tstr *s) {
  sl_free(s->p);
  s->p = NULL;
  s->n = 0;
}

bool sl_tstr_eq(const sl_tstr *x, const sl_tstr *y) {
  if (!x->p || !y->p) return !x->p && !y->p;
  return x->n == y->n && !memcmp(x->p, y->p, x->n);
}

void sl_handle_owner(const char *name, char out[32]) {
  out[0] = '\0';
  for (const char *p = name; *p; p++) {
    if ((p == name || p[-1] == ' ') && (*p == 'T' || *p == 'F') && p[1] >= '1' && p[1] <= '9') {
      size_t n = 1;
      while (p[n] >= '0' && p[n] <= '9') n++;
      if ((p[n] == '\0' || p[n] == ' ') && n < 32) {
        memcpy(out, p, n);
        out[n] = '\0';
        return;
      }
    }
  }
}

/* docs/trace.md "Trace hash": SHA-256 over the canonical JSONL lines of
 * every event after the `run` line, the `end` line included, each with its
 * "\n". The `run` line is left out because it names the engine, its
 * version, the scenario's path and the Task implementation, none of which
 * is behaviour: two engines that behave identically hash identically. */
sl_errcode sl_trace_hash(const sl_trace *tr, char hex[65]) {
  sl_sha256 c;
  sl_strbuf line = SL_STRBUF_INIT;
  sl_sha256_init(&c);
  for (size_t i = 0; i <= tr->nev; i++) {
    sl_strbuf_clear(&line);
    if (i < tr->nev)
      sl_jsonl_event(&line, &tr->ev[i]);
    else
      sl_jsonl_end_line(&line, &tr->meta);
    sl_strbuf_putc(&line, '\n');
    if (line.failed) {
      sl_strbuf_free(&line);
      return SL_ENOMEM;
    }
    sl_sha256_update(&c, line.data, line.len);
  }
  sl_strbuf_free(&line);
  sl_sha256_final_hex(&c, hex);
  return SL_EOK;
}
