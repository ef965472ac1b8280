/* The heap of a run: allocating objects, the per-run free lists that
 * recycle small ones, decref and teardown (declared in object.h). */
#include "core/object.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/alloc.h"
#include "core/assert.h"
#include "core/asan.h"
#include "core/exc.h"
#include "core/future.h"
#include "core/identity.h"
#include "core/rt.h"

/* Per-run free lists of small objects.
 *
 * A scheduling step allocates and frees the same few fixed-size objects
 * (handles, sleep coroutines, frames' coroutines, bound methods, futures);
 * going through malloc/free for each was a tenth of the run time. Freed
 * objects of up to SL_OBJ_GRAIN * SL_OBJ_CLASSES bytes go on a list per
 * size class instead (at most FREELIST_MAX each, so a burst does not pin
 * memory) and are handed out again zeroed. Reuse still counts as an
 * allocation attempt (sl_alloc_injected_failure), so the k-th-allocation
 * failure tests see the same allocations with and without the lists.
 * Under AddressSanitizer the memory on a list is poisoned, so a use after
 * free is still reported.
 *
 * Determinism: addresses never reach a program (what it sees as one comes
 * from core/identity.h), so recycling memory changes nothing a run shows. */
#define FREELIST_MAX 1024u

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

#if !defined(__SSE2__)
static void *(*volatile zero_fn)(void *, int, size_t) = memset;
#endif

/* Zeroes a free-list block of `n` bytes (a multiple of SL_OBJ_GRAIN, 16).
 *
 * With SSE2, in 16-byte stores from the block's start: blocks come from
 * malloc or the image 16-byte aligned, so no store straddles a cache line
 * or a page. The C library's memset writes 64-byte vectors from both ends,
 * and a block straddling a page boundary paid split stores on every reuse:
 * the lists are LIFO, so one such block can serve every allocation of its
 * class (a sleep coroutine per task switch: a tenth of switches.py's time
 * once). Otherwise through a volatile pointer to memset: gcc would inline
 * this variable-length memset as `rep stos`, whose start-up cost made it
 * most of the allocation. */
static inline void zero_block(void *p, size_t n) {
#if defined(__SSE2__)
  unsigned char *b = p;
  for (size_t i = 0; i < n; i += 16) _mm_storeu_si128((__m128i *)(b + i), _mm_setzero_si128());
#else
  zero_fn(p, 0, n);
#endif
}

static inline sl_obj *freelist_take(sl_rt *rt, uint32_t cls, bool zero) {
  sl_obj *o = rt->freelist[cls];
  SL_UNPOISON(o, (size_t)cls * SL_OBJ_GRAIN);
  rt->freelist[cls] = o->run_next;
  rt->nfree[cls]--;
  if (zero) zero_block(o, (size_t)cls * SL_OBJ_GRAIN);
  return o;
}

void sl_heap_free_freelists(sl_rt *rt) {
  for (uint32_t cls = 1; cls <= SL_OBJ_CLASSES; cls++) {
    while (rt->freelist[cls]) {
      sl_obj *o = rt->freelist[cls];
      SL_UNPOISON(o, (size_t)cls * SL_OBJ_GRAIN);
      rt->freelist[cls] = o->run_next;
      sl_free(o);
    }
    rt->nfree[cls] = 0;
  }
}

static inline sl_obj *alloc_raw(sl_rt *rt, const sl_type *type, size_t size, bool zero) {
  uint32_t cls = size <= (size_t)SL_OBJ_GRAIN * SL_OBJ_CLASSES
                     ? (uint32_t)((size + SL_OBJ_GRAIN - 1) / SL_OBJ_GRAIN)
                     : 0;
  sl_obj *o;
  if (cls && rt->freelist[cls])
    o = sl_alloc_injected_failure_inline() ? NULL : freelist_take(rt, cls, zero);
  else
    o = sl_calloc(1, cls ? (size_t)cls * SL_OBJ_GRAIN : size);
  if (!o) {
    sl_nomem(rt);
    return NULL;
  }
  o->type = type;
  o->refcnt = 1;
  o->size_class = (uint16_t)cls;
  o->identified = 0;
  /* Insert after the sentinel: the run's list is circular. */
  o->run_next = rt->heap.run_next;
  o->run_prev = &rt->heap;
  rt->heap.run_next->run_prev = o;
  rt->heap.run_next = o;
  rt->nobjects++;
  return o;
}

void sl_obj_ext_request(sl_rt *rt, const sl_type *type) { rt->ext_next_type = type; }

sl_obj *sl_obj_alloc(sl_rt *rt, const sl_type *type) {
  return sl_obj_alloc_size(rt, type, type->size);
}

sl_obj *sl_obj_alloc_size(sl_rt *rt, const sl_type *type, size_t size) {
  if (rt->ext_next_type != type) return alloc_raw(rt, type, size, true);
  rt->ext_next_type = NULL;
  size_t off = (size + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *);
  sl_obj *o = alloc_raw(rt, type, off + sizeof(sl_obj_ext), true);
  if (o) o->size_class |= SL_OBJ_EXT_BIT;
  return o;
}

sl_obj *sl_obj_alloc_uninit(sl_rt *rt, const sl_type *type, size_t size) {
  /* An extension asked for: zeroed, as its slots must start NULL. */
  if (rt->ext_next_type == type) return sl_obj_alloc_size(rt, type, size);
  return alloc_raw(rt, type, size, false);
}

static void unlink_and_free(sl_rt *rt, sl_obj *o) {
  o->run_prev->run_next = o->run_next;
  o->run_next->run_prev = o->run_prev;
  rt->nobjects--;
  if (o->identified) sl_identity_forget(rt, o);
  uint32_t cls = o->size_class & ~(uint32_t)SL_OBJ_EXT_BIT;
  if (cls && rt->nfree[cls] < FREELIST_MAX) {
    o->run_next = rt->freelist[cls];
    rt->freelist[cls] = o;
    rt->nfree[cls]++;
    SL_POISON(o, (size_t)cls * SL_OBJ_GRAIN);
    return;
  }
  sl_free(o);
}

/* A dead object's end after its finalize: weak references, the clear,
 * the extension, the release, the free. Out of line: the spare future's
 * path in sl__decref_last then saves no registers. */
static NOINLINE void free_dead(sl_rt *rt, sl_obj *o) {
  if (rt->weakref_clear) rt->weakref_clear(rt, o); /* after __del__, as subtype_dealloc */
  /* Found before clear: a variable-sized object's clear may reset the
   * length that says where the extension is (tuple_clear). */
  sl_obj_ext *ext = sl_obj_ext_of(o);
  if (o->type->clear) o->type->clear(rt, o);
  if (ext) {
    sl_obj *cls = ext->cls, *attrs = ext->attrs;
    ext->cls = ext->attrs = NULL;
    sl_decref(rt, attrs);
    sl_decref(rt, cls);
  }
  if (o->type->release) o->type->release(o);
  unlink_and_free(rt, o);
}

/* Runs o's finalizer, if it has one, and says whether it had: an engine
 * object whose scenario class defines __del__ (`class MyLock(asyncio.Lock)`)
 * runs that, once, in place of its type's finalize, as a heap type's
 * slot_tp_finalize replaces its base's tp_finalize; a Future's was tried
 * by the caller (sl__decref_last). */
static bool run_finalizer(sl_rt *rt, sl_obj *o) {
  sl_obj_ext *ext = sl_obj_ext_of(o);
  if (ext && ext->cls && (sl_as_class(ext->cls)->lang_flags & SL_CLS_DEL)) {
    if (!ext->finalized && rt->user_ops && rt->user_ops->finalize) {
      ext->finalized = true;
      rt->user_ops->finalize(rt, o);
    }
    return true;
  }
  if (o->type == &sl_future_type || !o->type->finalize) return false;
  o->type->finalize(rt, o);
  return true;
}

/* A dead object (refcnt 0) other than a spared future: kept alive while
 * its children go, so a cycle back to it (child -> o) cannot free it
 * twice; its finalizer (which may resurrect it), then the rest. Out of
 * line: see sl__decref_last. */
static NOINLINE void decref_dead(sl_rt *rt, sl_obj *o) {
  o->refcnt = 1;
  if (run_finalizer(rt, o)) {
    if (--o->refcnt) return; /* resurrected */
    o->refcnt = 1;
  }
  free_dead(rt, o);
}

void sl__decref_last(sl_rt *rt, sl_obj *o) {
  SL_ASSERT_REFCNT(o);
  if (--o->refcnt) return;
  /* Future's finalize without its call and without a saved register: a
   * waiter's or a sleep's future dies per wait; spared, it is resurrected
   * with the list's reference. */
  if (o->type == &sl_future_type && sl__future_spare(rt, o)) {
    o->refcnt = 1;
    return;
  }
  decref_dead(rt, o);
}

void sl_heap_free_all(sl_rt *rt) {
  sl_obj *o = rt->heap.run_next;
  while (o != &rt->heap) {
    sl_obj *next = o->run_next;
    if (o->type->release) o->type->release(o);
    sl_free(o);
    o = next;
  }
  rt->heap.run_next = rt->heap.run_prev = &rt->heap;
  rt->nobjects = 0;
}

/* ---- carrying objects across runs from an image ------------------------------ */

static void pool_put(sl_heap_pool *pool, sl_obj *o) {
  uint32_t cls = o->size_class & ~(uint32_t)SL_OBJ_EXT_BIT;
  if (!cls || pool->n[cls] >= FREELIST_MAX) {
    sl_free(o);
    return;
  }
  pool->bytes += sl_alloc_set_aside(o);
  o->run_next = pool->head[cls];
  if (!pool->head[cls]) pool->tail[cls] = o;
  pool->head[cls] = o;
  pool->n[cls]++;
  SL_POISON(o, (size_t)cls * SL_OBJ_GRAIN);
}

void sl_heap_discard(sl_rt *rt, sl_heap_pool *pool) {
  uintptr_t lo;
  size_t size;
  sl_image_region(&lo, &size);
#define OWNED(o) ((uintptr_t)(o)-lo < size)
  /* Past the mark only image objects without a release (core/rt.h). */
  const sl_obj *end = rt->image_mark.type ? &rt->image_mark : &rt->heap;
  for (sl_obj *o = rt->heap.run_next, *next; o != end; o = next) {
    next = o->run_next;
    if (o->type->release) o->type->release(o);
    if (!OWNED(o)) pool_put(pool, o);
  }
  for (uint32_t cls = 1; cls <= SL_OBJ_CLASSES; cls++) {
    for (sl_obj *o = rt->freelist[cls], *next; o; o = next) {
      SL_UNPOISON(o, (size_t)cls * SL_OBJ_GRAIN);
      next = o->run_next;
      /* An image block stays unpoisoned: the restore writes over it. */
      if (!OWNED(o)) pool_put(pool, o);
    }
    rt->freelist[cls] = NULL;
    rt->nfree[cls] = 0;
  }
  rt->heap.run_next = rt->heap.run_prev = &rt->heap;
  rt->nobjects = 0;
#undef OWNED
}

void sl_heap_adopt(sl_rt *rt, sl_heap_pool *pool) {
  sl_alloc_take_back(pool->bytes);
  pool->bytes = 0;
  for (uint32_t cls = 1; cls <= SL_OBJ_CLASSES; cls++) {
    if (!pool->n[cls]) continue;
    sl_obj *tail = pool->tail[cls];
    SL_UNPOISON(tail, (size_t)cls * SL_OBJ_GRAIN);
    tail->run_next = rt->freelist[cls];
    SL_POISON(tail, (size_t)cls * SL_OBJ_GRAIN);
    rt->freelist[cls] = pool->head[cls];
    rt->nfree[cls] += pool->n[cls];
    pool->head[cls] = pool->tail[cls] = NULL;
    pool->n[cls] = 0;
  }
}

void sl_heap_pool_free(sl_heap_pool *pool) {
  sl_alloc_take_back(pool->bytes); /* counted again, so that freeing uncounts it once */
  for (uint32_t cls = 1; cls <= SL_OBJ_CLASSES; cls++) {
    for (sl_obj *o = pool->head[cls], *next; o; o = next) {
      SL_UNPOISON(o, (size_t)cls * SL_OBJ_GRAIN);
      next = o->run_next;
      sl_free(o);
    }
    pool->head[cls] = pool->tail[cls] = NULL;
    pool->n[cls] = 0;
  }
  pool->bytes = 0;
}
