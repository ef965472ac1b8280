/* C-level failures: one table that expands into the enum and the strings.
 * Python-level exceptions are values (see exc.h), never these codes. */
#ifndef SL_ERRORS_H
#define SL_ERRORS_H

#define SL_ERRNO_MAP(X)                                                                            \
  X(OK, "success")                                                                                 \
  X(NOMEM, "out of memory")                                                                        \
  X(DEADLOCK, "deadlock: nothing is ready, no timer is pending and no I/O can arrive")             \
  X(BUDGET, "step or virtual-time budget exhausted")                                               \
  X(RECURSION, "maximum recursion depth exceeded")                                                 \
  X(INVAL, "invalid argument")                                                                     \
  X(IO, "input/output error")                                                                      \
  X(CORRUPT, "corrupt or unreadable input")

typedef enum sl_errcode {
#define SL_ERR_ENUM(name, text) SL_E##name,
  SL_ERRNO_MAP(SL_ERR_ENUM)
#undef SL_ERR_ENUM
} sl_errcode;

const char *sl_strerror(sl_errcode code);

#endif
