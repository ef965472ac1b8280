/* The observer interface: how the engine reports what happens.
 *
 * The engine never writes files or databases. It calls these slots (any may
 * be NULL) synchronously, in the order things happen. Pointers passed are
 * borrowed for the duration of the call. Canonical names and ids follow
 * docs/trace.md. */
#ifndef SL_OBSERVER_H
#define SL_OBSERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sl_task sl_task;
typedef struct sl_obj sl_obj;

typedef struct sl_task_info {
  uint64_t ordinal;        /* T<ordinal> */
  const char *name;        /* Task-N or the explicit name */
  const char *coro;        /* coroutine's qualified name */
  uint64_t parent_ordinal; /* 0: created outside any task */
  uint64_t step;           /* step during which this happened */
  /* task_done only: */
  const char *outcome; /* "result", "exception", "cancelled" */
  const char *detail;  /* repr(result) / "Type: message" / NULL */
} sl_task_info;

/* A socket event of the simulated network (docs/trace.md `sock`): the
 * network model reports these (sim/net/), the engine itself never does. */
typedef struct sl_sock_info {
  uint64_t step;  /* step during which it happened */
  const char *op; /* "pair", "connect", "accept", "send", "recv",
                      "shutdown", "close", "reset" */
  uint64_t conn;  /* connection number (1, 2, ...), 0: none */
  int fd;         /* the socket's descriptor */
  int peer;       /* the other end's descriptor, -1: none */
  uint64_t n;     /* send: bytes accepted; recv: bytes read (0 = end) */
  double t;       /* send: when its last byte arrives; else the time now */
} sl_sock_info;

typedef struct sl_observer {
  void *ctx;
  void (*step_begin)(void *ctx, uint64_t step, double t, bool has_timeout, double timeout);
  /* A handle is about to run; `name` is its canonical name, `len` its
   * strlen (recorders take it as a piece of text; the caller has it). */
  void (*handle_run)(void *ctx, uint64_t step, uint32_t pos, double t, const char *name,
                     size_t len);
  void (*task_created)(void *ctx, const sl_task_info *info);
  void (*task_done)(void *ctx, const sl_task_info *info);
  void (*timer)(void *ctx, uint64_t step, bool cancelled, double when);
  /* One line printed (without its newline); task 0 = no current task. */
  void (*output)(void *ctx, uint64_t step, uint64_t task_ordinal, const char *text, size_t len);
  /* loop.call_exception_handler was called. */
  void (*error)(void *ctx, uint64_t step, const char *message, const char *exception);
  /* A socket event (sl_sock_info). */
  void (*sock)(void *ctx, const sl_sock_info *info);
  /* What CPython's default exception handler logs for it (to stderr,
   * through logging's last resort): the message, one "key: repr" line per
   * other key of the context, the traceback. For the user's eyes (`run`
   * prints it on stderr); not part of the trace. */
  void (*log)(void *ctx, uint64_t step, const char *text);
} sl_observer;

#endif
