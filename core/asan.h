/* Marking memory that must not be touched (a free list's blocks, a kept
 * frame) so AddressSanitizer still reports a use after free; no-ops in
 * other builds. */
#ifndef SL_ASAN_H
#define SL_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define SL_HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SL_HAVE_ASAN 1
#endif
#endif

#ifdef SL_HAVE_ASAN
#include <sanitizer/asan_interface.h>
#define SL_POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define SL_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define SL_POISON(p, n)   ((void)(p), (void)(n))
#define SL_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#endif
