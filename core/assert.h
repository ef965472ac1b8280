/* SL_ASSERT: invariant checks that stay on in release builds. A broken
 * invariant is a simloop bug, never a scenario's fault: abort loudly. */
#ifndef SL_ASSERT_H
#define SL_ASSERT_H

#include <stdio.h>
#include <stdlib.h>

#define SL_ASSERT(cond)                                                                            \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "simloop: internal error: %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

#define SL_ASSERT_REFCNT(o) SL_ASSERT((o)->refcnt > 0)

#endif
