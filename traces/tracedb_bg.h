/* Storing a streamed run's full chunk rows on a thread of their own (used
 * by traces/tracedb_write.c; see sl_tracedb_writer_use_thread).
 *
 * SQLite's insert of a chunk row and the page writes it makes need nothing
 * of the run. The run's thread gathers closed chunks and hands over
 * SL__CHUNK_BATCH at once; the thread stores them in order with the
 * writer's `store`. The connection is used by one thread at a time: before
 * any other use the run's thread calls sl__chunk_bg_settle, which waits for
 * the batch in hand and stores what it gathered itself, so rows are
 * inserted in the order they were without the thread. The thread
 * allocates nothing through core/alloc.h (its counters are the run's
 * thread's): the chunks' buffers are allocated, reused and freed by the
 * run's thread, and SQLite allocates with its own malloc, as before.
 *
 * Ownership: the store owns the buffers of the chunks it holds (freed by
 * sl__chunk_bg_free). Return values are sqlite codes. */
#ifndef SL_TRACEDB_BG_H
#define SL_TRACEDB_BG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "traces/worker.h"

/* A closed chunk and what its row needs beside the run. */
typedef struct sl__chunk_job {
  int stmt; /* the writer's insert for it */
  uint64_t seq, step;
  int n;
  sl_strbuf text, names; /* the thread only reads them */
} sl__chunk_job;

/* Chunks handed over at once: a hand-over costs both threads a futex call
 * (each chunk on its own: ~4,300 for bench/switches.py, which cost more
 * than the inserts they moved). */
#define SL__CHUNK_BATCH 16

typedef struct sl__chunk_bg {
  sl__worker w;
  int (*store)(void *ctx, const sl__chunk_job *j);
  void *ctx;
  sl__chunk_job jobs[2][SL__CHUNK_BATCH]; /* their buffers are kept for reuse */
  sl__chunk_job *fill, *batch;            /* the run's thread's, the thread's */
  int nfill, nbatch;
  int rc; /* the sqlite code of the thread's last batch */
} sl__chunk_bg;

/* Starts the thread (g zeroed or stopped); false when the system gives
 * none (the caller then stores chunks itself). */
bool sl__chunk_bg_start(sl__chunk_bg *g, int (*store)(void *ctx, const sl__chunk_job *j),
                        void *ctx);
/* Waits for the thread's batch: the sqlite code of storing it. */
int sl__chunk_bg_quiet(sl__chunk_bg *g);
/* Makes the connection the caller's until the next hand-over: waits for
 * the thread's batch, then stores the chunks gathered since. */
int sl__chunk_bg_settle(sl__chunk_bg *g);
/* Takes closed chunk *j into the batch being gathered (*j gets emptied
 * buffers in exchange, for the chunk to reuse) and hands a full batch
 * over, once the one before is stored. Returns the code of storing that. */
int sl__chunk_bg_add(sl__chunk_bg *g, sl__chunk_job *j);
/* Stops the thread once it has stored its batch (not the chunks gathered
 * since: settle first to keep them); returns the code of that. */
int sl__chunk_bg_stop(sl__chunk_bg *g);
/* Stops the thread and frees the buffers. */
void sl__chunk_bg_free(sl__chunk_bg *g);

#endif
