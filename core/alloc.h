/* One replaceable allocator for everything simloop allocates.
 *
 * Tests install an allocator that fails the k-th allocation (as SQLite's
 * test_malloc.c does) to prove every out-of-memory path ends cleanly.
 * Allocation functions return NULL on failure; they never abort. */
#ifndef SL_ALLOC_H
#define SL_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sl_allocator {
  void *(*malloc_fn)(void *ctx, size_t size);
  void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
  void (*free_fn)(void *ctx, void *ptr);
  void *ctx;
} sl_allocator;

/* Replaces the process-wide allocator; NULL restores the C library's. */
void sl_set_allocator(const sl_allocator *allocator);

void *sl_malloc(size_t size);
void *sl_calloc(size_t count, size_t size); /* zeroed; checks overflow */
void *sl_realloc(void *ptr, size_t size);
void sl_free(void *ptr);
char *sl_strndup(const char *s, size_t len); /* NUL-terminated copy */

/* The memory budget (simloop's --max-memory, docs/cli.md "Budgets"): with
 * the C library's allocator, an allocation or growth that would take the
 * bytes in use past `bytes` fails (returns NULL, as if the machine were out
 * of memory) and marks the budget as hit; 0 removes the budget. Setting it
 * clears the mark. Counted where glibc says how large a block is
 * (malloc_usable_size); elsewhere there is no budget. Process-wide, like
 * the allocator. */
void sl_alloc_set_budget(size_t bytes);
/* The budget in bytes (0: none). */
size_t sl_alloc_budget(void);
/* Whether an allocation failed on the budget since it was set. */
bool sl_alloc_budget_hit(void);
/* Whether `bytes` more fit in the budget now (true without a budget): for
 * one large request the program makes, which then raises MemoryError, as
 * CPython's does when malloc refuses it, instead of ending the run. */
bool sl_alloc_fits(size_t bytes);
/* Bytes in use through the C library's allocator (0 where not counted). */
size_t sl_alloc_in_use(void);
/* For blocks kept aside between runs (core/heap.c's pool): takes block `p`
 * out of the count of bytes in use, as if freed, and returns what it
 * counted; sl_alloc_take_back(n) counts n bytes again when the blocks
 * return to use. So the budget of a run does not include what an earlier
 * run left for reuse. */
size_t sl_alloc_set_aside(void *p);
void sl_alloc_take_back(size_t bytes);

/* Counts one allocation attempt, exactly as sl_malloc does, and says
 * whether failure injection fails it (true: the caller must fail as if out
 * of memory). For allocators that recycle memory without calling
 * sl_malloc (the per-run object free lists in core/object.c), so that
 * out-of-memory tests still reach every allocation. */
int sl_alloc_injected_failure(void);
/* The counter behind it (alloc.c), for the inline form below that the
 * object free lists use on every allocation: the attempts left before
 * the next decision, counted down, so that an attempt is one decrement
 * and one test. At 0 sl__alloc_decide decides (out of line): the failure
 * asked for (this attempt and every later one fail), or none asked (the
 * count goes on). */
extern unsigned long sl__alloc_left;
__attribute__((cold)) int sl__alloc_decide(void);
static inline int sl_alloc_injected_failure_inline(void) {
  return __builtin_expect(--sl__alloc_left == 0, 0) && sl__alloc_decide();
}
/* The same in two halves, for a caller whose rare path is a tail call
 * (a call in its usual path would make it save registers): the first
 * counts the attempt and says whether a decision is due (then the caller
 * takes its rare path), the second, in the rare path, whether that
 * decision fails the attempt. */
static inline bool sl__alloc_count_due(void) { return __builtin_expect(--sl__alloc_left == 0, 0); }
static inline int sl__alloc_due_failure(void) { return sl__alloc_left == 0 && sl__alloc_decide(); }
/* The attempts counted since sl_alloc_fail_after, and (fail_at, if not
 * NULL) its failure point; and both set back, for a test that leaves its
 * own allocations out of a sweep (tests/unit/sl_test.h). */
unsigned long sl_alloc_attempts(unsigned long *fail_at);
void sl_alloc_set_attempts(unsigned long count, unsigned long fail_at);

/* ---- the image: a run's starting state, built once and restored ----------
 *
 * While an image records, every sl_malloc/sl_calloc/sl_realloc is served
 * from one contiguous region of its own (a bump allocator: 16-byte header
 * with the block's size, 16-byte alignment). Sealing copies the region
 * aside; restoring writes that copy back over it, so every object built
 * while recording is again exactly as it was then, at the same address,
 * with every pointer between them still valid. sim/scenario.c records a
 * run's set-up (the runtime, builtins, the compiled program) once and
 * restores it before each run instead of building it again.
 *
 * Blocks freed while recording are reused (up to 64 KB, by size).
 * Outside recording, sl_free of a block in the region does nothing (the
 * next restore brings it back) and sl_realloc moves it to the C library's
 * heap. So a run that started from an image tears down with the usual
 * code: what it allocated itself is freed, the image's blocks are left for
 * the restore. Image blocks count as allocation attempts (failure
 * injection) but not toward the memory budget: the budget is the run's.
 *
 * Once sealed, the image's pages are read-only until a run writes one
 * (a SIGSEGV handler of the image's, installed by sl_image_seal and
 * removed by sl_image_free, makes it writable and marks it), and a
 * restore copies back only the pages ever written (alloc.c "restoring
 * only written pages"). Nothing may pass an image block to the kernel to
 * write into.
 *
 * One image per process at a time (sl_image_new returns NULL while
 * another exists). Ownership: the caller owns the image (sl_image_free);
 * the objects in it are only valid between a restore and the next. */
typedef struct sl_image sl_image;

/* A new empty image (NULL: out of memory, or another image exists). */
sl_image *sl_image_new(void);
/* Starts or stops serving allocations from the image. */
void sl_image_record(sl_image *im, bool on);
/* Allocations between sl_image_hold() and sl_image_unhold(held) go to the
 * C library's heap even while an image records (a parser's tree, freed
 * before the image is sealed, would otherwise stay in it for good). */
bool sl_image_hold(void);
void sl_image_unhold(bool held);
/* Takes the copy sl_image_restore writes back: -1 when out of memory. */
int sl_image_seal(sl_image *im);
/* Writes the sealed copy back over the region (its written pages). */
void sl_image_restore(sl_image *im);
/* Bytes the image holds. */
size_t sl_image_size(const sl_image *im);
/* Whether `p` points into the current image's region: a block the next
 * restore brings back, never to be freed by a run (false without an
 * image). */
bool sl_image_owns(const void *p);
/* The same test for many pointers: the current image's region as
 * [*lo, *lo + *size) ({0, 0} without an image). */
void sl_image_region(uintptr_t *lo, size_t *size);
void sl_image_free(sl_image *im);

/* Test helper: make the allocation numbered `fail_at` (1-based, counted from
 * this call) and every later one fail; 0 disables. Returns how many
 * allocations were attempted since the previous call. */
unsigned long sl_alloc_fail_after(unsigned long fail_at);

#endif
