/* The process-wide replaceable allocator and the image region (see
 * alloc.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, sigaction */
#include "core/alloc.h"

#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/asan.h"
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
/* The attempts since sl_alloc_fail_after are alloc_mark - sl__alloc_left
 * (unsigned: they wrap alike); fail_at_count the attempt that fails first
 * (0: none). */
unsigned long sl__alloc_left = ULONG_MAX;
static unsigned long alloc_mark = ULONG_MAX, fail_at_count;

void sl_alloc_set_attempts(unsigned long count, unsigned long fail_at) {
  fail_at_count = fail_at;
  if (!fail_at)
    sl__alloc_left = ULONG_MAX; /* no decision due: the count goes on */
  else if (count >= fail_at)
    sl__alloc_left = 1; /* failing already: the next attempt fails too */
  else
    sl__alloc_left = fail_at - count;
  alloc_mark = count + sl__alloc_left;
}

unsigned long sl_alloc_attempts(unsigned long *fail_at) {
  if (fail_at) *fail_at = fail_at_count;
  return alloc_mark - sl__alloc_left;
}

/* sl__alloc_left reached 0: the attempt counted is the fail_at_count-th or
 * a later one (it fails, and so will the next), or none is asked for. */
int sl__alloc_decide(void) {
  sl_alloc_set_attempts(alloc_mark, fail_at_count);
  return fail_at_count != 0;
}

size_t sl_alloc_set_aside(void *p) {
  if (current.free_fn != libc_free) return 0; /* a test's allocator: not counted */
  size_t n = usable(p);
  uncount(n);
  return n;
}

void sl_alloc_take_back(size_t bytes) { in_use += bytes; }

void sl_set_allocator(const sl_allocator *allocator) {
  static const sl_allocator libc = {libc_malloc, libc_realloc, libc_free, NULL};
  current = allocator ? *allocator : libc;
}

unsigned long sl_alloc_fail_after(unsigned long fail_at) {
  unsigned long attempted = sl_alloc_attempts(NULL);
  sl_alloc_set_attempts(0, fail_at);
  return attempted;
}

/* True when the failure-injection counter says this allocation must fail. */
static int injected_failure(void) { return sl_alloc_injected_failure_inline(); }

int sl_alloc_injected_failure(void) { return injected_failure(); }

/* ---- the image region ------------------------------------------------------ */

/* Address space reserved for an image (PROT_NONE costs nothing until
 * committed) and the step it is committed in. */
#define IMAGE_RESERVE ((size_t)1 << 34)
#define IMAGE_STEP    ((size_t)1 << 20)
#define IMAGE_HEADER  ((size_t)16) /* the block's size, keeping 16-byte alignment */

/* Blocks of up to IMAGE_CLASSES * 16 bytes freed while recording (the
 * compiler's temporaries) are reused, by size, instead of staying in the
 * image for good. */
#define IMAGE_CLASSES 4096u

/* A dead stretch shorter than this is copied with the live bytes around
 * it: a memcpy call costs about as much as copying that many bytes. */
#define IMAGE_GAP_MIN ((size_t)256)

typedef struct image_range {
  size_t off, len;
} image_range;

struct sl_image {
  unsigned char *base;
  size_t used, committed;
  void *freed[IMAGE_CLASSES]; /* by size / 16; each block's first word links the next */
  unsigned char *copy;        /* the sealed bytes (used of them), or NULL */
  size_t copied;
  /* The parts of the copy a restore writes back: the live blocks, with the
   * blocks freed while recording (nothing points to them, and no run
   * allocates from them) left out. Sorted, disjoint; owned. */
  image_range *live;
  size_t nlive;
  /* Written pages (see "Restoring only written pages" below): once sealed,
   * the region's first npages pages are read-only until a write to one
   * faults; the fault handler makes it writable for good and sets its
   * hot[] byte and `changed`. A restore copies live ∩ hot pages (`dirty`,
   * ndirty of them, rebuilt when `changed`; room for nlive + npages, made
   * at sealing). guarded false: every live range is copied. Owned. */
  bool guarded;
  size_t page, npages;
  unsigned char *hot;
  volatile sig_atomic_t changed;
  image_range *dirty;
  size_t ndirty;
};

static sl_image *the_image;
static bool recording;
/* The region of the_image, [image_lo, image_hi); both 0 without one, so
 * in_image is one subtraction and one comparison. */
static uintptr_t image_lo, image_hi;

static bool in_image(const void *p) { return (uintptr_t)p - image_lo < image_hi - image_lo; }

static size_t image_block_size(const void *p) {
  return *(const size_t *)((const unsigned char *)p - IMAGE_HEADER);
}

static size_t image_class(size_t size) { return (size + 15) / 16; }

/* A new block at the end of the image. */
static void *image_bump(size_t size) {
  sl_image *im = the_image;
  if (size > IMAGE_RESERVE / 2) return NULL;
  size_t need = IMAGE_HEADER + ((size + 15) & ~(size_t)15);
  if (need > IMAGE_RESERVE - im->used) return NULL;
  if (im->used + need > im->committed) {
    size_t to = (im->used + need + IMAGE_STEP - 1) & ~(IMAGE_STEP - 1);
    if (mprotect(im->base + im->committed, to - im->committed, PROT_READ | PROT_WRITE)) return NULL;
    im->committed = to;
  }
  unsigned char *h = im->base + im->used;
  *(size_t *)h = size;
  im->used += need;
  return h + IMAGE_HEADER;
}

/* A block freed earlier of the same size class, or a new one. */
static void *image_take(size_t size) {
  sl_image *im = the_image;
  size_t cls = image_class(size);
  if (cls < IMAGE_CLASSES && im->freed[cls]) {
    unsigned char *b = im->freed[cls];
    im->freed[cls] = *(void **)b;
    *(size_t *)(b - IMAGE_HEADER) = size;
    return b;
  }
  return image_bump(size);
}

/* A block freed while recording, kept for reuse when small. */
static void image_release(void *p) {
  size_t cls = image_class(image_block_size(p));
  if (!recording || cls >= IMAGE_CLASSES) return;
  *(void **)p = the_image->freed[cls];
  the_image->freed[cls] = p;
}

/* Grows or moves an image block: within the image while recording (the
 * last block grows in place), to the C library's heap otherwise. */
static void *image_realloc(void *p, size_t size) {
  size_t old = image_block_size(p);
  if (recording) {
    sl_image *im = the_image;
    unsigned char *h = (unsigned char *)p - IMAGE_HEADER;
    size_t end = (size_t)(h - im->base) + IMAGE_HEADER + ((old + 15) & ~(size_t)15);
    if (end == im->used) {
      im->used = (size_t)(h - im->base);
      void *q = image_bump(size); /* the same address, larger */
      if (!q) {
        im->used = end;
        *(size_t *)h = old;
      }
      return q;
    }
  }
  void *q = recording ? image_take(size) : current.malloc_fn(current.ctx, size);
  if (q) {
    memcpy(q, p, old < size ? old : size);
    image_release(p);
  }
  return q;
}

/* While recording, a block of the C library's heap that is grown moves
 * into the image: an image may hold no pointer to memory a run frees. */
static void *image_adopt(void *p, size_t size) {
#if SL_ALLOC_COUNTS
  size_t old = malloc_usable_size(p);
  void *q = image_take(size);
  if (q) {
    memcpy(q, p, old < size ? old : size);
    current.free_fn(current.ctx, p);
  }
  return q;
#else
  (void)p, (void)size;
  return NULL; /* no way to know the block's size: the image fails */
#endif
}

sl_image *sl_image_new(void) {
  if (the_image) return NULL;
  sl_image *im = calloc(1, sizeof *im);
  if (!im) return NULL;
  void *base =
      mmap(NULL, IMAGE_RESERVE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    free(im);
    return NULL;
  }
  im->base = base;
  the_image = im;
  image_lo = (uintptr_t)base;
  image_hi = image_lo + IMAGE_RESERVE;
  return im;
}

void sl_image_record(sl_image *im, bool on) { recording = im == the_image && on; }

bool sl_image_hold(void) {
  bool was = recording;
  recording = false;
  return was;
}

void sl_image_unhold(bool held) { recording = held && the_image; }

static int by_offset(const void *a, const void *b) {
  size_t x = ((const image_range *)a)->off, y = ((const image_range *)b)->off;
  return x < y ? -1 : x > y;
}

/* The stretches of the region freed while recording, sorted; NULL when
 * out of memory (n is then 0 too). */
static image_range *dead_blocks(const sl_image *im, size_t *n) {
  size_t count = 0;
  for (size_t c = 0; c < IMAGE_CLASSES; c++)
    for (void *b = im->freed[c]; b; b = *(void **)b) count++;
  *n = 0;
  image_range *dead = malloc((count ? count : 1) * sizeof *dead);
  if (!dead) return NULL;
  for (size_t c = 0; c < IMAGE_CLASSES; c++)
    for (unsigned char *b = im->freed[c]; b; b = *(void **)b) {
      size_t size = image_block_size(b);
      dead[*n].off = (size_t)(b - im->base) - IMAGE_HEADER;
      dead[(*n)++].len = IMAGE_HEADER + ((size + 15) & ~(size_t)15);
    }
  qsort(dead, count, sizeof *dead, by_offset);
  return dead;
}

/* im->live: [0, used) without the dead stretches of at least
 * IMAGE_GAP_MIN bytes. -1 when out of memory. */
static int live_ranges(sl_image *im) {
  size_t ndead;
  image_range *dead = dead_blocks(im, &ndead);
  image_range *live = dead ? malloc((ndead + 1) * sizeof *live) : NULL;
  if (!live) {
    free(dead);
    return -1;
  }
  size_t nlive = 0, from = 0;
  for (size_t i = 0; i < ndead; i++) {
    /* Adjacent dead blocks make one gap. */
    size_t off = dead[i].off, end = off + dead[i].len;
    while (i + 1 < ndead && dead[i + 1].off == end) end += dead[++i].len;
    if (end - off < IMAGE_GAP_MIN) continue;
    if (off > from) live[nlive++] = (image_range){from, off - from};
    from = end;
  }
  if (im->used > from) live[nlive++] = (image_range){from, im->used - from};
  free(dead);
  free(im->live);
  im->live = live;
  im->nlive = nlive;
  return 0;
}

/* ---- restoring only written pages ------------------------------------------
 *
 * A run writes few of the image's pages (bank.py: 14 of its 25, the same
 * ones run after run; ~60 cache lines in all), yet copying the whole image
 * back was half of a bank.py run's instructions and a tenth of its time.
 * So once sealed, the image's pages are read-only: the first write to one
 * faults, the handler below makes it writable and marks it, and from then
 * on every restore copies it. A page never written since the seal still
 * holds the sealed bytes, so leaving it out of the restore is exact. After
 * the first few runs no run faults at all (every page it writes is
 * already writable) and a restore copies only the marked pages.
 *
 * A fault elsewhere, or on a page already marked (a write the handler
 * cannot explain), is not ours: the handler puts back the action there was
 * before the image and returns, so the access faults again under it (by
 * default the process dies as it would have). The kernel does not fault
 * for its own writes (a read(2) into a read-only page fails with EFAULT):
 * nothing a run does passes an image block to the kernel to write into
 * (a run's I/O is simulated). SIMLOOP_IMAGE_COPY_ALL=1 copies every live
 * range instead, for comparisons; so does a run under valgrind, whose
 * memcheck reports reads of uninitialised bytes in lookups on pages made
 * writable by this handler (5-7 errors on examples/bank.py, none with the
 * guard off; the outputs are identical either way). */
static bool under_valgrind(void) {
  const char *preload = getenv("LD_PRELOAD"); /* valgrind preloads vgpreload_*.so */
  return preload && strstr(preload, "vgpreload");
}

static struct sigaction prev_segv;
static bool segv_installed;

static void image_fault(int sig, siginfo_t *si, void *uctx) {
  (void)sig, (void)uctx;
  sl_image *im = the_image;
  uintptr_t a = (uintptr_t)si->si_addr, base = im ? (uintptr_t)im->base : 0;
  if (im && im->guarded && a - base < im->npages * im->page) {
    size_t pg = (a - base) / im->page;
    if (!im->hot[pg] && !mprotect(im->base + pg * im->page, im->page, PROT_READ | PROT_WRITE)) {
      im->hot[pg] = 1;
      im->changed = 1;
      return;
    }
  }
  sigaction(SIGSEGV, &prev_segv, NULL);
  segv_installed = false;
}

/* The handler and the read-only pages; false (nothing changed) when
 * either cannot be had. */
static bool image_guard(sl_image *im) {
  if (getenv("SIMLOOP_IMAGE_COPY_ALL") || under_valgrind()) return false;
  long page = sysconf(_SC_PAGESIZE);
  if (page <= 0 || (size_t)page % 16) return false;
  im->page = (size_t)page;
  im->npages = (im->used + im->page - 1) / im->page;
  im->hot = calloc(im->npages ? im->npages : 1, 1);
  im->dirty = malloc((im->nlive + im->npages + 1) * sizeof *im->dirty);
  if (!im->hot || !im->dirty) return false;
  if (!segv_installed) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = image_fault;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &prev_segv)) return false;
    segv_installed = true;
  }
  if (mprotect(im->base, im->npages * im->page, PROT_READ)) return false;
  im->guarded = true;
  im->ndirty = 0;
  return true;
}

static void image_unguard(sl_image *im) {
  if (im->guarded) mprotect(im->base, im->npages * im->page, PROT_READ | PROT_WRITE);
  im->guarded = false;
  free(im->hot);
  free(im->dirty);
  im->hot = NULL;
  im->dirty = NULL;
  if (segv_installed) sigaction(SIGSEGV, &prev_segv, NULL);
  segv_installed = false;
}

/* im->dirty: the live ranges cut to the pages marked written. */
static void dirty_ranges(sl_image *im) {
  size_t n = 0;
  for (size_t i = 0; i < im->nlive; i++) {
    size_t off = im->live[i].off, end = off + im->live[i].len;
    while (off < end) {
      size_t pg = off / im->page, pend = (pg + 1) * im->page;
      if (pend > end) pend = end;
      if (im->hot[pg]) {
        if (n && im->dirty[n - 1].off + im->dirty[n - 1].len == off)
          im->dirty[n - 1].len += pend - off;
        else
          im->dirty[n++] = (image_range){off, pend - off};
      }
      off = pend;
    }
  }
  im->ndirty = n;
}

int sl_image_seal(sl_image *im) {
  image_unguard(im);
  free(im->copy);
  im->copy = malloc(im->used ? im->used : 1);
  if (!im->copy || live_ranges(im)) return -1;
  memcpy(im->copy, im->base, im->used);
  im->copied = im->used;
  if (!image_guard(im)) image_unguard(im);
  return 0;
}

void sl_image_restore(sl_image *im) {
  if (!im->copy) return;
  const image_range *r = im->live;
  size_t n = im->nlive;
  if (im->guarded) {
    if (im->changed) {
      im->changed = 0;
      dirty_ranges(im);
    }
    r = im->dirty;
    n = im->ndirty;
  }
  for (size_t i = 0; i < n; i++) memcpy(im->base + r[i].off, im->copy + r[i].off, r[i].len);
}

size_t sl_image_size(const sl_image *im) { return im->used; }

bool sl_image_owns(const void *p) { return in_image(p); }

void sl_image_region(uintptr_t *lo, size_t *size) {
  *lo = image_lo;
  *size = image_hi - image_lo;
}

void sl_image_free(sl_image *im) {
  if (!im) return;
  if (im == the_image) {
    the_image = NULL;
    recording = false;
    image_lo = image_hi = 0;
  }
  image_unguard(im);
  /* Free-list blocks inside the region were poisoned; the next image may be
   * mapped at the same address, so its bytes must start clean. */
  SL_UNPOISON(im->base, IMAGE_RESERVE);
  munmap(im->base, IMAGE_RESERVE);
  free(im->copy);
  free(im->live);
  free(im);
}

/* ---- allocation ------------------------------------------------------------ */

void *sl_malloc(size_t size) {
  if (injected_failure()) return NULL;
  if (recording) return image_take(size ? size : 1);
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
  if (!size) size = 1;
  if (in_image(ptr)) return image_realloc(ptr, size);
  if (recording) return ptr ? image_adopt(ptr, size) : image_take(size);
  return current.realloc_fn(current.ctx, ptr, size);
}

void sl_free(void *ptr) {
  if (!ptr) return;
  if (in_image(ptr))
    image_release(ptr);
  else
    current.free_fn(current.ctx, ptr);
}

char *sl_strndup(const char *s, size_t len) {
  char *copy = sl_malloc(len + 1);
  if (!copy) return NULL;
  memcpy(copy, s, len);
  copy[len] = '\0';
  return copy;
}
