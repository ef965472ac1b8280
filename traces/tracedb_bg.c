/* Full chunk rows stored by a thread of their own (see tracedb_bg.h). */
#include "traces/tracedb_bg.h"

#include <sqlite3.h>

/* Stores chunks j[0..n) in order; the sqlite code of the first failure. */
static int store_chunks(sl__chunk_bg *g, const sl__chunk_job *j, int n) {
  int rc = SQLITE_OK;
  for (int i = 0; i < n && rc == SQLITE_OK; i++) rc = g->store(g->ctx, &j[i]);
  return rc;
}

/* The thread's job: the batch handed over, in order. */
static void store_batch(void *ctx) {
  sl__chunk_bg *g = ctx;
  g->rc = store_chunks(g, g->batch, g->nbatch);
}

bool sl__chunk_bg_start(sl__chunk_bg *g, int (*store)(void *ctx, const sl__chunk_job *j),
                        void *ctx) {
  g->store = store;
  g->ctx = ctx;
  g->fill = g->jobs[0];
  g->batch = g->jobs[1];
  g->nfill = g->nbatch = 0;
  g->rc = SQLITE_OK;
  return sl__worker_start(&g->w, store_batch, g);
}

/* The code of storing the last batch, cleared (the thread is idle). */
static int take_rc(sl__chunk_bg *g) {
  int rc = g->rc;
  g->rc = SQLITE_OK;
  return rc;
}

int sl__chunk_bg_quiet(sl__chunk_bg *g) {
  if (!g->w.started) return SQLITE_OK;
  sl__worker_idle(&g->w);
  int rc = take_rc(g);
  sl__worker_unlock(&g->w);
  return rc;
}

int sl__chunk_bg_settle(sl__chunk_bg *g) {
  int rc = sl__chunk_bg_quiet(g);
  if (rc == SQLITE_OK && g->nfill) rc = store_chunks(g, g->fill, g->nfill);
  g->nfill = 0;
  return rc;
}

int sl__chunk_bg_add(sl__chunk_bg *g, sl__chunk_job *j) {
  sl__chunk_job *slot = &g->fill[g->nfill++];
  sl_strbuf text = slot->text, names = slot->names;
  *slot = *j;
  j->text = text;
  j->names = names;
  if (g->nfill < SL__CHUNK_BATCH) return SQLITE_OK;
  sl__worker_idle(&g->w);
  int rc = take_rc(g);
  if (rc != SQLITE_OK) {
    g->nfill = 0; /* the run has failed: nothing more is stored */
    sl__worker_unlock(&g->w);
    return rc;
  }
  sl__chunk_job *t = g->batch;
  g->batch = g->fill;
  g->nbatch = g->nfill;
  g->fill = t;
  g->nfill = 0;
  sl__worker_give(&g->w);
  return SQLITE_OK;
}

int sl__chunk_bg_stop(sl__chunk_bg *g) {
  if (!g->w.started) return SQLITE_OK;
  sl__worker_stop(&g->w);
  g->nfill = 0;
  return take_rc(g);
}

void sl__chunk_bg_free(sl__chunk_bg *g) {
  sl__chunk_bg_stop(g);
  for (int i = 0; i < 2 * SL__CHUNK_BATCH; i++) {
    sl_strbuf_free(&g->jobs[i / SL__CHUNK_BATCH][i % SL__CHUNK_BATCH].text);
    sl_strbuf_free(&g->jobs[i / SL__CHUNK_BATCH][i % SL__CHUNK_BATCH].names);
  }
}
