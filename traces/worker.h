/* One job at a time on a thread of its own: the shape both of traces/'s
 * second threads share (tstream.c's chunk writer, tracedb_bg.c's chunk
 * store). The owner fills what the job reads while the thread is idle,
 * hands it over, and goes on; before touching anything the job touches it
 * waits for the thread to be idle again. The job runs without the mutex:
 * what it writes is read by the owner only after an idle wait, which
 * orders it.
 *
 * Ownership: the worker owns its thread, mutex and condition variable
 * (sl__worker_stop ends them); ctx is the caller's. */
#ifndef SL_TRACES_WORKER_H
#define SL_TRACES_WORKER_H

#include <pthread.h>
#include <stdbool.h>

typedef struct sl__worker {
  bool started; /* thread, mu and cv exist */
  bool busy, quit;
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  void (*job)(void *ctx); /* runs on the thread, once per hand-over */
  void *ctx;
} sl__worker;

/* Starts the thread (w zeroed or stopped); false when the system gives
 * none (the caller then does the job itself). */
bool sl__worker_start(sl__worker *w, void (*job)(void *ctx), void *ctx);
/* Takes the mutex and waits for the thread to be idle; the caller then
 * owns what the job touches until sl__worker_give or sl__worker_unlock. */
void sl__worker_idle(sl__worker *w);
/* Hands the thread a job and releases the mutex (after sl__worker_idle). */
void sl__worker_give(sl__worker *w);
void sl__worker_unlock(sl__worker *w);
/* Waits for the job in hand, ends the thread; nothing if not started. */
void sl__worker_stop(sl__worker *w);

#endif
