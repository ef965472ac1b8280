/* One run's coverage features (covsig.h). */
#include "sim/covsig.h"

#include <string.h>

#include "core/alloc.h"
#include "sim/trial.h"

void sl_covsig_init(sl_covsig *s) {
  memset(s, 0, sizeof *s);
  sl_u64map_init(&s->sites, 256);
}

void sl_covsig_free(sl_covsig *s) {
  sl_u64map_free(&s->sites);
  sl_free(s->feat);
  sl_free(s->psite);
  sl_covsig_init(s);
}

void sl_covsig_reset(sl_covsig *s) {
  sl_u64map_clear(&s->sites);
  s->nfeat = 0;
  s->npsite = 0;
  s->last_site = 0;
  s->oom = false;
}

/* A feature of kind `kind` (one letter) over `h`; never 0. */
static uint64_t feature(char kind, uint64_t h) {
  uint64_t f = sl_fnv1a_more(h, &kind, 1);
  return f ? f : 1;
}

static void add_feat(sl_covsig *s, uint64_t f) {
  if (s->nfeat == s->capfeat) {
    size_t cap = s->capfeat ? s->capfeat * 2 : 256;
    uint64_t *nf = sl_realloc(s->feat, cap * sizeof *nf);
    if (!nf) {
      s->oom = true;
      return;
    }
    s->feat = nf;
    s->capfeat = cap;
  }
  s->feat[s->nfeat++] = f;
}

/* The site of a handle: its name without future ids ("wakeup T3 <- F17"
 * is "wakeup T3 <- F"): which future a task waits for is numbered in
 * creation order, which moves whenever anything else changes. */
static uint64_t site_hash(const char *name) {
  uint64_t h = SL_FNV_INIT;
  const unsigned char *p = (const unsigned char *)name;
  unsigned char prev = ' '; /* the name's start counts as after a space */
  for (unsigned char c; (c = *p++) != 0; prev = c) {
    h = (h ^ c) * 0x100000001b3ULL;
    /* One test per byte outside an id: a handle's name is hashed at every
     * step (the most frequent call of a run with many decision points). */
    if (c == 'F' && prev == ' ')
      while ((unsigned)(*p - '0') <= 9) p++;
  }
  return h ? h : 1;
}

static void on_handle(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                      size_t len) {
  (void)step, (void)pos, (void)t, (void)len;
  sl_covsig *s = ctx;
  if (!sl_u64map_reserve(&s->sites, s->sites.len + 1)) {
    s->oom = true;
    return;
  }
  uint64_t h = site_hash(name);
  s->last_site = h;
  ++*sl_u64map_put(&s->sites, h);
}

void sl_covsig_timing(void *ctx, uint64_t point, sl_decision_kind kind) {
  sl_covsig *s = ctx;
  if (point != s->npsite || point >= SL_COVSIG_POINTS) return;
  if (s->npsite == s->cappsite) {
    size_t cap = s->cappsite ? s->cappsite * 2 : 512;
    uint64_t *np = sl_realloc(s->psite, cap * sizeof *np);
    if (!np) {
      s->oom = true;
      return;
    }
    s->psite = np;
    s->cappsite = cap;
  }
  /* A cost point is its handle's; another kind after the same handle is
   * a site of its own. */
  s->psite[s->npsite++] =
      kind == SL_DECISION_COST ? s->last_site : feature('k' + (char)kind, s->last_site);
}

static void on_task_done(void *ctx, const sl_task_info *info) {
  uint64_t h = SL_FNV_INIT;
  if (info->coro) h = sl_fnv1a_more(h, info->coro, strlen(info->coro));
  if (info->outcome) h = sl_fnv1a_more(h, info->outcome, strlen(info->outcome));
  add_feat(ctx, feature('d', h));
}

static void on_output(void *ctx, uint64_t step, uint64_t task, const char *text, size_t len) {
  (void)step, (void)task;
  add_feat(ctx, feature('o', sl_fnv1a(text, len)));
}

static void on_error(void *ctx, uint64_t step, const char *message, const char *exception) {
  (void)step;
  uint64_t h = message ? sl_fnv1a(message, strlen(message)) : SL_FNV_INIT;
  if (exception) h = sl_fnv1a_more(h, exception, strlen(exception));
  add_feat(ctx, feature('e', h));
}

sl_observer sl_covsig_observer(sl_covsig *s) {
  sl_observer o;
  memset(&o, 0, sizeof o);
  o.ctx = s;
  o.handle_run = on_handle;
  o.task_done = on_task_done;
  o.output = on_output;
  o.error = on_error;
  return o;
}

/* AFL's hit-count classes: a callback that runs one more time is new
 * only when it crosses into another class. */
static uint8_t bucket(uint64_t n) {
  static const uint32_t upto[] = {1, 2, 3, 7, 15, 31, 127};
  for (uint8_t b = 0; b < sizeof upto / sizeof *upto; b++)
    if (n <= upto[b]) return b;
  return 7;
}

sl_errcode sl_covsig_finish(sl_covsig *s, uint8_t verdict, uint64_t detail_hash) {
  uint64_t v = sl_fnv1a_more(detail_hash, &verdict, 1);
  add_feat(s, feature('v', v));
  /* In slot order: the order of the features (the first new one names a
   * kept run, corpus.h) is part of what a seed reproduces. */
  for (size_t i = 0; i < s->sites.cap; i++)
    if (s->sites.key[i]) {
      uint8_t b = bucket(s->sites.val[i]);
      add_feat(s, feature('s', sl_fnv1a_more(s->sites.key[i], &b, 1)));
    }
  return s->oom ? SL_ENOMEM : SL_EOK;
}
