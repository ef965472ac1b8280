/* The coverage strategy's corpus (corpus.h). */
#include "sim/corpus.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

void sl_corpus_init(sl_corpus *c) {
  memset(c, 0, sizeof *c);
  sl_u64map_init(&c->features, 1024);
}

void sl_corpus_free(sl_corpus *c) {
  for (size_t i = 0; i < c->n; i++) {
    sl_free(c->e[i].by_site);
    sl_free(c->e[i].group);
  }
  sl_free(c->e);
  sl_u64map_free(&c->features);
  sl_free(c->cumw);
  sl_corpus_init(c);
}

typedef struct site_point {
  uint64_t site;
  uint32_t point;
} site_point;

static int cmp_site_point(const void *a, const void *b) {
  const site_point *x = a, *y = b;
  if (x->site != y->site) return x->site < y->site ? -1 : 1;
  return x->point < y->point ? -1 : x->point > y->point;
}

/* Groups e's points by site (corpus.h); false: out of memory. */
static bool group_sites(sl_cov_entry *e, const uint64_t *sites, size_t n) {
  e->by_site = e->group = NULL;
  e->nby = e->ngroup = 0;
  if (!n) return true;
  site_point *sp = sl_malloc(n * sizeof *sp);
  e->by_site = sl_malloc(n * sizeof *e->by_site);
  e->group = sl_malloc((n + 1) * sizeof *e->group);
  if (!sp || !e->by_site || !e->group) {
    sl_free(sp);
    sl_free(e->by_site);
    sl_free(e->group);
    e->by_site = e->group = NULL;
    return false;
  }
  for (size_t i = 0; i < n; i++) sp[i] = (site_point){sites[i], (uint32_t)i};
  qsort(sp, n, sizeof *sp, cmp_site_point);
  for (size_t i = 0; i < n; i++) {
    if (!i || sp[i].site != sp[i - 1].site) e->group[e->ngroup++] = (uint32_t)i;
    e->by_site[i] = sp[i].point;
  }
  e->group[e->ngroup] = (uint32_t)n;
  e->nby = (uint32_t)n;
  sl_free(sp);
  return true;
}

sl_errcode sl_corpus_add(sl_corpus *c, const sl_cov_entry *run, const uint64_t *feat, size_t nfeat,
                         const uint64_t *sites, size_t nsites, bool failed, bool *kept) {
  *kept = false;
  /* Room first, so that a failure leaves the counts as they were. */
  if (!sl_u64map_reserve(&c->features, c->features.len + nfeat + 1)) return SL_ENOMEM;
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    sl_cov_entry *ne = sl_realloc(c->e, cap * sizeof *ne);
    if (!ne) return SL_ENOMEM;
    c->e = ne;
    c->cap = cap;
  }
  uint64_t key = 0;
  bool is_new = !c->n;
  for (size_t i = 0; i < nfeat && !is_new; i++) is_new = !sl_u64map_has(&c->features, feat[i]);
  if (c->n) is_new = is_new && !failed; /* run 0 stays, failing or not: the parent of all */
  sl_cov_entry e = *run;
  if (is_new && !group_sites(&e, sites, nsites)) return SL_ENOMEM;
  for (size_t i = 0; i < nfeat; i++) {
    if (!key && !sl_u64map_has(&c->features, feat[i])) key = feat[i];
    ++*sl_u64map_put(&c->features, feat[i]); /* a feature listed twice counts twice: harmless */
  }
  if (is_new) {
    e.key = key;
    c->e[c->n++] = e;
    *kept = true;
  }
  return SL_EOK;
}

sl_errcode sl_corpus_settle(sl_corpus *c) {
  if (c->n > c->capcumw) {
    double *nw = sl_realloc(c->cumw, c->cap * sizeof *nw);
    if (!nw) return SL_ENOMEM;
    c->cumw = nw;
    c->capcumw = c->cap;
  }
  double sum = 0.0;
  for (size_t i = 0; i < c->n; i++) {
    uint64_t h = c->e[i].key ? sl_u64map_get(&c->features, c->e[i].key) : 0;
    sum += 1.0 / (double)(h ? h : 1);
    c->cumw[i] = sum;
  }
  c->ncumw = c->n;
  return SL_EOK;
}

/* Uniform in [0, 1), 53 bits. */
static double unit(sl_rng *r) { return (double)(sl_rng_next(r) >> 11) / 9007199254740992.0; }

static size_t pick(const sl_corpus *c, sl_rng *r) {
  if (!c->ncumw) return 0;
  double x = unit(r) * c->cumw[c->ncumw - 1];
  size_t lo = 0, hi = c->ncumw - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c->cumw[mid] > x)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

void sl_corpus_child(const sl_corpus *c, sl_rng *r, sl_plan *plan, uint64_t *seed_state) {
  memset(plan, 0, sizeof *plan);
  *seed_state = 0;
  if (!c->ncumw) return;
  size_t p = sl_rng_below(r, 10) == 0 ? 0 : pick(c, r);
  size_t q = (size_t)sl_rng_below(r, c->ncumw);
  sl_mutate(&c->e[p], &c->e[q], r, plan, seed_state);
}
