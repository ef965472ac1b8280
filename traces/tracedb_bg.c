/* Full chunk rows stored by a thread of their own (see tracedb_bg.h). */
#include "traces/tracedb_bg.h"

#include <sqlite3.h>

/* Stores chunks j[0..n) in order; the sqlite code of the first failure. */
static int store_chunks(sl__chunk_bg *g, const sl__chunk_job *j, int n) {
  int rc = SQLITE_OK;
  for (int i = 0; i < n && rc == SQLITE_OK; i++) rc = g->store(g->ctx, &j[i]);
  return rc;
}

static void *bg_main(void *arg) {
  sl__chunk_bg *g = arg;
  pthread_mutex_lock(&g->mu);
  for (;;) {
    while (!g->busy && !g->quit) pthread_cond_wait(&g->cv, &g->mu);
    if (!g->busy) break;
    pthread_mutex_unlock(&g->mu);
    int rc = store_chunks(g, g->batch, g->nbatch);
    pthread_mutex_lock(&g->mu);
    g->rc = rc;
    g->busy = false;
    pthread_cond_broadcast(&g->cv);
  }
  pthread_mutex_unlock(&g->mu);
  return NULL;
}

bool sl__chunk_bg_start(sl__chunk_bg *g, int (*store)(void *ctx, const sl__chunk_job *j),
                        void *ctx) {
  if (pthread_mutex_init(&g->mu, NULL)) return false;
  if (pthread_cond_init(&g->cv, NULL)) {
    pthread_mutex_destroy(&g->mu);
    return false;
  }
  g->store = store;
  g->ctx = ctx;
  g->fill = g->jobs[0];
  g->batch = g->jobs[1];
  g->nfill = g->nbatch = 0;
  g->busy = g->quit = false;
  g->rc = SQLITE_OK;
  if (pthread_create(&g->thread, NULL, bg_main, g)) {
    pthread_cond_destroy(&g->cv);
    pthread_mutex_destroy(&g->mu);
    return false;
  }
  return g->started = true;
}

/* Waits until the thread has stored the batch in hand; returns what
 * storing it returned. Called with mu held. */
static int bg_wait(sl__chunk_bg *g) {
  while (g->busy) pthread_cond_wait(&g->cv, &g->mu);
  int rc = g->rc;
  g->rc = SQLITE_OK;
  return rc;
}

int sl__chunk_bg_quiet(sl__chunk_bg *g) {
  if (!g->started) return SQLITE_OK;
  pthread_mutex_lock(&g->mu);
  int rc = bg_wait(g);
  pthread_mutex_unlock(&g->mu);
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
  pthread_mutex_lock(&g->mu);
  int rc = bg_wait(g);
  if (rc == SQLITE_OK) {
    sl__chunk_job *t = g->batch;
    g->batch = g->fill;
    g->nbatch = g->nfill;
    g->fill = t;
    g->nfill = 0;
    g->busy = true;
    pthread_cond_broadcast(&g->cv);
  } else {
    g->nfill = 0; /* the run has failed: nothing more is stored */
  }
  pthread_mutex_unlock(&g->mu);
  return rc;
}

int sl__chunk_bg_stop(sl__chunk_bg *g) {
  if (!g->started) return SQLITE_OK;
  pthread_mutex_lock(&g->mu);
  int rc = bg_wait(g);
  g->quit = true;
  pthread_cond_broadcast(&g->cv);
  pthread_mutex_unlock(&g->mu);
  pthread_join(g->thread, NULL);
  pthread_cond_destroy(&g->cv);
  pthread_mutex_destroy(&g->mu);
  g->started = false;
  g->nfill = 0;
  return rc;
}

void sl__chunk_bg_free(sl__chunk_bg *g) {
  sl__chunk_bg_stop(g);
  for (int i = 0; i < 2 * SL__CHUNK_BATCH; i++) {
    sl_strbuf_free(&g->jobs[i / SL__CHUNK_BATCH][i % SL__CHUNK_BATCH].text);
    sl_strbuf_free(&g->jobs[i / SL__CHUNK_BATCH][i % SL__CHUNK_BATCH].names);
  }
}
