/* The process-wide replaceable allocator (see alloc.h). */
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_malloc(void *ctx, size_t size) {
  (void)ctx;
  return malloc(size);
}
static void *libc_realloc(void *ctx, void *p, size_t size) {
  (void)ctx;
  return realloc(p, size);
}
static void libc_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

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
