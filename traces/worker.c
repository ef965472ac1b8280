/* One job at a time on a thread of its own (see worker.h). */
#include "traces/worker.h"

static void *worker_main(void *arg) {
  sl__worker *w = arg;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while (!w->busy && !w->quit) pthread_cond_wait(&w->cv, &w->mu);
    if (!w->busy) break;
    pthread_mutex_unlock(&w->mu);
    w->job(w->ctx);
    pthread_mutex_lock(&w->mu);
    w->busy = false;
    pthread_cond_broadcast(&w->cv);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

bool sl__worker_start(sl__worker *w, void (*job)(void *ctx), void *ctx) {
  if (pthread_mutex_init(&w->mu, NULL)) return false;
  if (pthread_cond_init(&w->cv, NULL)) {
    pthread_mutex_destroy(&w->mu);
    return false;
  }
  w->job = job;
  w->ctx = ctx;
  w->busy = w->quit = false;
  if (pthread_create(&w->thread, NULL, worker_main, w)) {
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    return false;
  }
  return w->started = true;
}

void sl__worker_idle(sl__worker *w) {
  pthread_mutex_lock(&w->mu);
  while (w->busy) pthread_cond_wait(&w->cv, &w->mu);
}

void sl__worker_give(sl__worker *w) {
  w->busy = true;
  pthread_cond_broadcast(&w->cv);
  pthread_mutex_unlock(&w->mu);
}

void sl__worker_unlock(sl__worker *w) { pthread_mutex_unlock(&w->mu); }

void sl__worker_stop(sl__worker *w) {
  if (!w->started) return;
  sl__worker_idle(w);
  w->quit = true;
  pthread_cond_broadcast(&w->cv);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->thread, NULL);
  pthread_cond_destroy(&w->cv);
  pthread_mutex_destroy(&w->mu);
  w->started = false;
}
