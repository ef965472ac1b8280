/* The process-wide replaceable allocator (see alloc.h). */
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h> /* malloc_usable_size */
#define SL_ALLOC_COUNTS 1
#else
#define SL_ALLOC_COUNTS 0
#endif

/* The memory budget (alloc.h). Only the C library's allocator counts: an
 * installed allocator (a test's) is its own budget. The count is what
 * malloc_usable_size reports, so it does not depend on how the caller
 * remembers sizes, and the same program counts the same bytes each run. */
static size_t in_use, budget;
static bool budget_hit;

static size_t usable(void *p) {
#if SL_ALLOC_COUNTS
  return p ? malloc_usable_size(p) : 0;
#else
  (void)p;
  return 0;
#endif
}

/* A block allocated before the C library's allocator was restored (under
 * a test's allocator) was never counted: never wrap below zero. */
static void uncount(size_t n) { in_use = n > in_use ? 0 : in_use - n; }

/* False (and the budget marked as hit) when `more` bytes beyond `freed`
 * would take the count past the budget. */
static bool within_budget(size_t more, size_t freed) {
  if (!budget || !SL_ALLOC_COUNTS || more <= freed) return true;
  if (more - freed <= budget && in_use <= budget - (more - freed)) return true;
  budget_hit = true;
  return false;
}

static void *libc_malloc(void *ctx, size_t size) {
  (void)ctx;
  if (!within_budget(size, 0)) return NULL;
  void *p = malloc(size);
  in_use += usable(p);
  return p;
}
static void *libc_realloc(void *ctx, void *p, size_t size) {
  (void)ctx;
  size_t old = usable(p);
  if (!within_budget(size, old)) return NULL;
  void *q = realloc(p, size);
  if (q) uncount(old), in_use += usable(q);
  return q;
}
static void libc_free(void *ctx, void *p) {
  (void)ctx;
  uncount(usable(p));
  free(p);
}

void sl_alloc_set_budget(size_t bytes) {
  budget = bytes;
  budget_hit = false;
}

size_t sl_alloc_budget(void) { return budget; }

bool sl_alloc_budget_hit(void) { return budget_hit; }

bool sl_alloc_fits(size_t bytes) {
  if (!budget || !SL_ALLOC_COUNTS) return true;
  return bytes <= budget && in_use <= budget - bytes;
}

size_t sl_alloc_in_use(void) { return in_use; }

static sl_allocator current = {libc_malloc, libc_realloc, libc_free, NULL};
static unsigned long alloc_count;
static unsigned long fail_at_count;

void sl_set_allocator(const sl_allocator *allocator) {
  static const sl_allocator libc = {libc_malloc, libc_realloc, libc_free, NULL};
  current = allocator ? *allocator : libc;
}

unsigned long sl_alloc_fail_after(unsigned long fail_at) {
  unsigned long attempted = alloc_count;
  alloc_count = 0;
  fail_at_count = fail_at;
  return attempted;
}

/* True when the failure-injection counter says this allocation must fail. */
static int injected_failure(void) {
  alloc_count++;
  return fail_at_count != 0 && alloc_count >= fail_at_count;
}

int sl_alloc_injected_failure(void) { return injected_failure(); }

void *sl_malloc(size_t size) {
  if (injected_failure()) return NULL;
  return current.malloc_fn(current.ctx, size ? size : 1);
}

void *sl_calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  void *p = sl_malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

void *sl_realloc(void *ptr, size_t size) {
  if (injected_failure()) return NULL;
  return current.realloc_fn(current.ctx, ptr, size ? size : 1);
}

void sl_free(void *ptr) {
  if (ptr) current.free_fn(current.ctx, ptr);
}

char *sl_strndup(const char *s, size_t len) {
  char *copy = sl_malloc(len + 1);
  if (!copy) return NULL;
  memcpy(copy, s, len);
  copy[len] = '\0';
  return copy;
}
