/* The AST's arena and the module's lifetime (see ast.h).
 *
 * A bump allocator over a list of chunks obtained from sl_malloc: the
 * parser allocates thousands of small nodes and frees them all at once, so
 * per-node bookkeeping would be pure cost. Freeing is O(number of chunks). */
#include "core/lang/ast.h"

#include <stdalign.h>
#include <string.h>

#include "core/alloc.h"

#define CHUNK_SIZE 16384

typedef struct chunk {
  struct chunk *next;
  size_t used, cap;
  alignas(max_align_t) unsigned char data[];
} chunk;

struct sl_arena {
  chunk *head; /* the chunk being filled; older chunks follow */
};

sl_arena *sl__arena_new(void) {
  sl_arena *a = sl_malloc(sizeof *a);
  if (a) a->head = NULL;
  return a;
}

/* Where an allocation aligned to `align` would start in chunk c. */
static size_t aligned_used(const chunk *c, size_t align) {
  return (c->used + align - 1) & ~(align - 1);
}

/* `size` bytes aligned to `align` (a power of two), not zeroed. */
static void *arena_take(sl_arena *a, size_t size, size_t align) {
  if (size > SIZE_MAX / 2) return NULL;
  chunk *c = a->head;
  if (!c || c->cap < aligned_used(c, align) || c->cap - aligned_used(c, align) < size) {
    /* A large request gets a chunk of its own, placed behind the current
     * one so the current chunk's free space is not wasted. */
    size_t cap = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
    chunk *n = sl_malloc(sizeof *n + cap);
    if (!n) return NULL;
    n->used = 0;
    n->cap = cap;
    if (c && size > CHUNK_SIZE / 4) {
      n->next = c->next;
      c->next = n;
    } else {
      n->next = c;
      a->head = n;
    }
    c = n;
  }
  size_t at = aligned_used(c, align);
  c->used = at + size;
  return c->data + at;
}

void *sl__arena_alloc(sl_arena *a, size_t size) {
  void *p = arena_take(a, size, alignof(max_align_t));
  if (p) memset(p, 0, size);
  return p;
}

char *sl__arena_strndup(sl_arena *a, const char *s, size_t n) {
  if (n == SIZE_MAX) return NULL;
  /* Text needs no alignment: identifiers are short, and padding each to
   * 16 bytes was a large part of a tree's size. */
  char *p = arena_take(a, n + 1, 1);
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void sl__arena_free(sl_arena *a) {
  if (!a) return;
  chunk *c = a->head;
  while (c) {
    chunk *next = c->next;
    sl_free(c);
    c = next;
  }
  sl_free(a);
}

void sl_ast_free(sl_ast_module *module) {
  /* The module itself lives in its arena. */
  if (module) sl__arena_free(module->arena);
}
