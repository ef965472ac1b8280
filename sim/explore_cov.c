/* The coverage campaign: batches of plans made from the corpus, run here
 * or by forked workers, joined to the corpus in run order (explore_cov.h). */
#define _DEFAULT_SOURCE /* poll, kill */
#include "sim/explore_cov.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"

#define MAX_WORKERS 64

/* One run to make: what the parent sends a worker. */
typedef struct cov_job {
  uint64_t index;
  uint64_t seed_state;
  sl_plan plan;
} cov_job;

/* What a worker sends back, followed by nfeat features and nsites sites. */
typedef struct cov_reply {
  sl_explore_row row;
  uint64_t npoints;
  uint64_t nfeat, nsites;
} cov_reply;

typedef struct cov_result {
  cov_reply r;
  uint64_t *feat; /* owned: nfeat features, then nsites sites */
} cov_result;

typedef struct worker {
  pid_t pid;
  int to, from; /* pipes: jobs to it, replies from it */
  size_t busy;  /* position in the batch it runs, SIZE_MAX: idle */
} worker;

void sl_cov_campaign_init(sl_cov_campaign *c) {
  memset(c, 0, sizeof *c);
  sl_corpus_init(&c->corpus);
}

void sl_cov_campaign_free(sl_cov_campaign *c) {
  sl_corpus_free(&c->corpus);
  sl_free(c->fail);
  c->fail = NULL;
  c->nfail = 0;
}

bool sl_cov_campaign_failure(const sl_cov_campaign *c, uint64_t index, sl_plan *plan,
                             uint64_t *seed_state) {
  for (size_t i = 0; i < c->nfail; i++)
    if (c->fail[i].index == index) {
      *plan = c->fail[i].plan;
      *seed_state = c->fail[i].seed_state;
      return true;
    }
  return false;
}

/* The plan of the run at `pos` in the campaign (its index is `index`):
 * the first is the default plan, every other a child of the corpus, from
 * a PRNG of its own seeded by the explore's seed and the index. */
static void make_job(const sl_cov_campaign *c, uint64_t pos, uint64_t index, cov_job *j) {
  memset(j, 0, sizeof *j);
  j->index = index;
  if (pos == 0) return;
  sl_rng r;
  sl_rng_seed(&r, (c->seed + index) ^ 0x636f766572616765ULL); /* "coverage" */
  sl_corpus_child(&c->corpus, &r, &j->plan, &j->seed_state);
}

/* Runs one job here; the features go to res (owned copy). */
static sl_errcode run_job(const sl_cov_hooks *h, const cov_job *j, sl_covsig *sig, cov_reply *reply,
                          sl_strbuf *err) {
  sl_covsig_reset(sig);
  memset(reply, 0, sizeof *reply);
  sl_errcode rc =
      h->run(h->ctx, j->index, &j->plan, j->seed_state, sig, &reply->row, &reply->npoints, err);
  if (rc == SL_EOK) rc = sl_covsig_finish(sig, reply->row.verdict, reply->row.detail_hash);
  if (rc == SL_ENOMEM && !err->len) sl_strbuf_puts(err, "out of memory\n");
  reply->nfeat = sig->nfeat;
  reply->nsites = sig->npsite;
  return rc;
}

static bool write_all(int fd, const void *p, size_t n) {
  const char *b = p;
  while (n) {
    ssize_t w = write(fd, b, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    b += w;
    n -= (size_t)w;
  }
  return true;
}

static bool read_all(int fd, void *p, size_t n) {
  char *b = p;
  while (n) {
    ssize_t r = read(fd, b, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    b += r;
    n -= (size_t)r;
  }
  return true;
}

/* A worker: runs the jobs it is sent until its pipe closes. */
static int worker_loop(const sl_cov_hooks *h, int in, int out) {
  sl_covsig sig;
  sl_covsig_init(&sig);
  cov_job j;
  int status = 0;
  while (read_all(in, &j, sizeof j)) {
    cov_reply reply;
    sl_strbuf err = SL_STRBUF_INIT;
    if (run_job(h, &j, &sig, &reply, &err) != SL_EOK) {
      fprintf(stderr, "simloop explore: run %" PRIu64 ": %s", j.index, sl_strbuf_cstr(&err));
      sl_strbuf_free(&err);
      status = 2;
      break;
    }
    sl_strbuf_free(&err);
    if (!write_all(out, &reply, sizeof reply) ||
        !write_all(out, sig.feat, reply.nfeat * sizeof *sig.feat) ||
        !write_all(out, sig.psite, reply.nsites * sizeof *sig.psite)) {
      status = 2;
      break;
    }
  }
  sl_covsig_free(&sig);
  return status;
}

static int start_workers(const sl_cov_hooks *h, worker *w, unsigned n) {
  fflush(NULL);
  for (unsigned k = 0; k < n; k++) {
    int a[2], b[2];
    if (pipe(a)) return (int)k;
    if (pipe(b)) {
      close(a[0]);
      close(a[1]);
      return (int)k;
    }
    pid_t pid = fork();
    if (pid < 0) {
      close(a[0]), close(a[1]), close(b[0]), close(b[1]);
      return (int)k;
    }
    if (pid == 0) {
      close(a[1]);
      close(b[0]);
      for (unsigned i = 0; i < k; i++) close(w[i].to), close(w[i].from);
      _exit(worker_loop(h, a[0], b[1]));
    }
    close(a[0]);
    close(b[1]);
    w[k].pid = pid;
    w[k].to = a[1];
    w[k].from = b[0];
    w[k].busy = SIZE_MAX;
  }
  return (int)n;
}

/* Ends the workers; false when one of them failed. */
static bool stop_workers(worker *w, unsigned n) {
  bool ok = true;
  for (unsigned k = 0; k < n; k++) close(w[k].to);
  for (unsigned k = 0; k < n; k++) {
    int ws = 0;
    close(w[k].from);
    if (waitpid(w[k].pid, &ws, 0) != w[k].pid || !WIFEXITED(ws) || WEXITSTATUS(ws)) ok = false;
  }
  return ok;
}

static bool read_reply(int fd, cov_result *res) {
  if (!read_all(fd, &res->r, sizeof res->r)) return false;
  if (res->r.nfeat > (1u << 24) || res->r.nsites > SL_COVSIG_POINTS) return false;
  size_t n = res->r.nfeat + res->r.nsites;
  res->feat = sl_malloc((n ? n : 1) * sizeof *res->feat);
  return res->feat && read_all(fd, res->feat, n * sizeof *res->feat);
}

/* The batch's jobs by the workers, each given one job at a time. */
static bool run_batch_workers(worker *w, unsigned nw, const cov_job *jobs, cov_result *res,
                              size_t n) {
  size_t next = 0, got = 0;
  struct pollfd pf[MAX_WORKERS];
  while (got < n) {
    for (unsigned k = 0; k < nw && next < n; k++)
      if (w[k].busy == SIZE_MAX) {
        if (!write_all(w[k].to, &jobs[next], sizeof jobs[next])) return false;
        w[k].busy = next++;
      }
    nfds_t np = 0;
    unsigned who[MAX_WORKERS];
    for (unsigned k = 0; k < nw; k++)
      if (w[k].busy != SIZE_MAX) {
        pf[np].fd = w[k].from;
        pf[np].events = POLLIN;
        pf[np].revents = 0;
        who[np++] = k;
      }
    if (poll(pf, np, -1) < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    for (nfds_t i = 0; i < np; i++) {
      if (!pf[i].revents) continue;
      worker *wk = &w[who[i]];
      if (!read_reply(wk->from, &res[wk->busy])) return false;
      wk->busy = SIZE_MAX;
      got++;
    }
  }
  return true;
}

/* The batch's jobs here; stops at the first failure unless keep_going
 * (the runs after it would be dropped). Returns the runs made, or -1. */
static long run_batch_here(const sl_cov_campaign *c, const sl_cov_hooks *h, sl_covsig *sig,
                           const cov_job *jobs, cov_result *res, size_t n) {
  for (size_t i = 0; i < n; i++) {
    sl_strbuf err = SL_STRBUF_INIT;
    if (run_job(h, &jobs[i], sig, &res[i].r, &err) != SL_EOK) {
      fprintf(stderr, "simloop explore: run %" PRIu64 ": %s", jobs[i].index, sl_strbuf_cstr(&err));
      sl_strbuf_free(&err);
      return -1;
    }
    sl_strbuf_free(&err);
    size_t nall = sig->nfeat + sig->npsite;
    res[i].feat = sl_malloc((nall ? nall : 1) * sizeof *res[i].feat);
    if (!res[i].feat) return -1;
    memcpy(res[i].feat, sig->feat, sig->nfeat * sizeof *sig->feat);
    memcpy(res[i].feat + sig->nfeat, sig->psite, sig->npsite * sizeof *sig->psite);
    if (res[i].r.row.verdict != 0 && !c->keep_going) return (long)(i + 1);
  }
  return (long)n;
}

static bool keep_failure(sl_cov_campaign *c, const cov_job *j) {
  if (c->nfail == SL_COV_MAX_FAIL) return true;
  if (!c->fail) {
    c->fail = sl_malloc(SL_COV_MAX_FAIL * sizeof *c->fail);
    if (!c->fail) return false;
  }
  sl_cov_failure *f = &c->fail[c->nfail++];
  f->index = j->index;
  f->plan = j->plan;
  f->seed_state = j->seed_state;
  return true;
}

/* Joins a finished batch to the corpus in run order; *stop after the
 * first failure (unless keep_going). False: out of memory. */
static bool join_batch(sl_cov_campaign *c, const sl_cov_hooks *h, const cov_job *jobs,
                       const cov_result *res, size_t n, bool *stop) {
  for (size_t i = 0; i < n; i++) {
    if (!h->account(h->ctx, &res[i].r.row)) return false;
    sl_cov_entry e;
    memset(&e, 0, sizeof e);
    e.plan = jobs[i].plan;
    e.seed_state = jobs[i].seed_state;
    e.npoints = res[i].r.npoints;
    e.index = jobs[i].index;
    bool kept;
    if (sl_corpus_add(&c->corpus, &e, res[i].feat, res[i].r.nfeat, res[i].feat + res[i].r.nfeat,
                      res[i].r.nsites, res[i].r.row.verdict != 0, &kept) != SL_EOK)
      return false;
    if (res[i].r.row.verdict != 0) {
      if (!keep_failure(c, &jobs[i])) return false;
      if (!c->keep_going) {
        *stop = true;
        break;
      }
    }
  }
  return sl_corpus_settle(&c->corpus) == SL_EOK;
}

int sl_cov_campaign_run(sl_cov_campaign *c, const sl_cov_hooks *h) {
  cov_job *jobs = sl_calloc(SL_COV_BATCH, sizeof *jobs);
  cov_result *res = sl_calloc(SL_COV_BATCH, sizeof *res);
  sl_covsig sig;
  sl_covsig_init(&sig);
  worker w[MAX_WORKERS];
  unsigned nw = c->jobs > 1 ? (c->jobs > MAX_WORKERS ? MAX_WORKERS : c->jobs) : 0;
  int status = 0;
  void (*old_pipe)(int) = SIG_ERR;
  if (!jobs || !res) {
    fprintf(stderr, "simloop explore: out of memory\n");
    status = 2;
    nw = 0;
  } else if (nw) {
    /* A worker that dies must end the campaign with a message, not kill
     * the parent with SIGPIPE when it is sent its next job. */
    old_pipe = signal(SIGPIPE, SIG_IGN);
    int started = start_workers(h, w, nw);
    if (started < (int)nw) {
      fprintf(stderr, "simloop explore: could start only %d of %u workers: %s\n", started, nw,
              strerror(errno));
      stop_workers(w, (unsigned)started);
      nw = 0;
      status = 2;
    }
  }
  bool stop = false;
  /* The first batch is the default run alone: every later plan is a
   * child of something. */
  for (uint64_t pos = 0; status == 0 && !stop && pos < c->count;) {
    size_t n = pos == 0 ? 1 : SL_COV_BATCH;
    if (n > c->count - pos) n = (size_t)(c->count - pos);
    for (size_t i = 0; i < n; i++) make_job(c, pos + i, c->first + (pos + i) * c->stride, &jobs[i]);
    long made = nw ? (run_batch_workers(w, nw, jobs, res, n) ? (long)n : -1)
                   : run_batch_here(c, h, &sig, jobs, res, n);
    if (made < 0) {
      if (nw) fprintf(stderr, "simloop explore: a worker failed\n");
      status = 2;
    } else if (!join_batch(c, h, jobs, res, (size_t)made, &stop)) {
      fprintf(stderr, "simloop explore: out of memory\n");
      status = 2;
    }
    for (size_t i = 0; i < n; i++) {
      sl_free(res[i].feat);
      res[i].feat = NULL;
    }
    pos += n;
  }
  if (nw && !stop_workers(w, nw) && status == 0) status = 2;
  if (old_pipe != SIG_ERR) signal(SIGPIPE, old_pipe);
  sl_covsig_free(&sig);
  sl_free(jobs);
  sl_free(res);
  return status;
}
