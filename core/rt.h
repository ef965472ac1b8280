/* sl_rt: everything one run owns.
 *
 * A run is a pure function of (program, schedule, profile). Its runtime
 * holds the heap (every object of the run), the pending Python exception,
 * the fatal C-level error if any, the built-in classes, the event loop and
 * the observer. sl_rt_free tears it all down. Nothing is global: several
 * runs may exist side by side (the fuzzers create one per input). */
#ifndef SL_RT_H
#define SL_RT_H

#include <stdint.h>

#include "core/errors.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/object.h"
#include "core/observer.h"
#include "core/profile.h"

#define SL_MAX_RECURSION 400

typedef struct sl_loop sl_loop;
typedef struct sl_task sl_task;

struct sl_rt {
  sl_obj heap; /* sentinel of the circular list of every live object */
  uint64_t nobjects;
  /* A run's image (sl_rt_mark_image): a node of the list, no object, with
   * type NULL until marked. Every object after it is one of the image's
   * whose type has no `release`, so a teardown from the image stops there
   * (sl_heap_discard): the run's objects are inserted at the list's head,
   * in front of it. */
  sl_obj image_mark;
  /* Freed objects kept for reuse, one singly linked list (through
   * run_next) per size class; owned, freed by sl_rt_free. Index 0 unused. */
  sl_obj *freelist[SL_OBJ_CLASSES + 1];
  uint32_t nfree[SL_OBJ_CLASSES + 1];
  /* Dead plain Futures kept for reuse (core/future.c), linked through
   * sl_future.spare_next: each stays on the run's list, its one reference
   * the list's. */
  sl_obj *spare_futures;
  uint32_t nspare_futures;
  sl_identities identities;  /* what programs see as addresses (identity.h) */
  const sl_profile *profile; /* borrowed, static */
  sl_obj *exc;               /* owned: the pending Python exception, or NULL */
  /* Borrowed, compared only: the pending exception when the engine has
   * already set its __context__ as CPython's raise would have
   * (sl_err_chain), so the frame it reaches leaves it alone. */
  const sl_obj *exc_chained;
  sl_errcode fatal;               /* non-OK ends the run: out of memory, ... */
  sl_obj *classes[SL_EXC__COUNT]; /* owned: the built-in exception classes */
  sl_loop *loop;                  /* owned reference: the event loop */
  sl_observer observer;           /* copied at creation; slots may be NULL */
  uint64_t task_counter;          /* Task-N names: the last N handed out */
  uint64_t task_ordinal;          /* trace ids T<k>: tasks created so far */
  uint64_t future_ordinal;        /* trace ids F<k>: futures named so far */
  uint32_t recursion_depth;       /* C-level recursion guard (calls, repr) */
  /* Containers whose repr is being built, outermost first (Py_ReprEnter);
   * borrowed. Nesting is bounded by the recursion guard. */
  sl_obj *repr_active[SL_MAX_RECURSION + 2];
  uint32_t nrepr_active;
  void *lang;                   /* the scenario language's state (core/lang) */
  void (*lang_free)(sl_rt *rt); /* frees `lang` (before the heap goes) */
  /* Frees only what `lang` holds outside objects, touching no object
   * (sl_rt_discard); NULL: nothing. */
  void (*lang_release)(sl_rt *rt);
  /* str() as the language defines it (user __str__ methods); the engine
   * uses it where CPython's text goes through str(): exception messages in
   * task outcomes. NULL: the engine's own str(). */
  int (*lang_str)(sl_rt *rt, sl_value v, sl_strbuf *out);
  /* CPython's traceback printout of an exception, chained ones included,
   * ending with "Type: message\n" (core/lang). NULL: only that last line. */
  int (*lang_traceback)(sl_rt *rt, sl_obj *exc, sl_strbuf *out);
  /* The program's own exception handler (loop.set_exception_handler),
   * given call_exception_handler's context {'message': message,
   * 'exception': exc, key: obj} (exc, key may be NULL): 1 it ran (or
   * failed and was reported as CPython does), 0 the program set none (the
   * default handler logs). NULL: never any. */
  int (*lang_exc_handler)(sl_rt *rt, const char *message, sl_obj *exc, const char *key,
                          sl_obj *obj);
  /* The exception the program is handling now (borrowed; NULL: none),
   * what sys.exception() returns (core/lang). NULL hook: never any. */
  sl_obj *(*lang_handled_exc)(sl_rt *rt);
  /* For a function of the language (what inspect.isfunction accepts), the
   * file and first line of its code, as asyncio's reprs show them
   * (format_helpers._get_function_source). false for anything else, or
   * NULL: no callable has a source. *file stays owned by the function. */
  bool (*lang_func_source)(sl_value fn, const char **file, int *line);
  /* The folder holding asyncio/ that reprs of asyncio's own functions
   * name (core/pysource.h); borrowed, NULL: the profile's default. */
  const char *stdlib_dir;
  /* loop.shutdown_asyncgens(): a new list of the aclose() awaitables of
   * the language's unfinished async generators that the loop's firstiter
   * hook registered (forgetting them), or NULL when out of memory. NULL
   * hook: there are none. */
  sl_obj *(*lang_asyncgen_closers)(sl_rt *rt);
  /* The data model of scenario-defined classes (core/lang); NULL: none. */
  const sl_user_ops *user_ops;
  /* contextvars (core/lang/modules/mod_contextvars.c): the current
   * Context (owned; undef: the base one, made when first needed), and,
   * once the program has a ContextVar, copy_context() of the current one
   * (new reference). While context_copy is NULL no context is captured:
   * tasks and callbacks run in whatever context is current. */
  sl_value context;
  int (*context_copy)(sl_rt *rt, sl_value *out);
  /* weakref (core/lang/modules/mod_weakref.c): while the run has live
   * weak references, called for every object whose count reaches zero,
   * after its finalizer (subtype_dealloc and the futures' dealloc clear
   * weakrefs after __del__), to kill the references to it and run their
   * callbacks; NULL
   * otherwise, so that other runs pay one test a free. `weakrefs` is the
   * newest live reference (borrowed; each unlinks itself when freed). */
  void (*weakref_clear)(sl_rt *rt, sl_obj *o);
  sl_obj *weakrefs;
  /* The type whose next allocation gets an instance extension
   * (sl_obj_ext_request), or NULL. */
  const sl_type *ext_next_type;
};

/* Creates a run for `profile` (NULL: default). `observer` may be NULL. Returns
 * NULL when out of memory. */
sl_rt *sl_rt_new(const sl_profile *profile, const sl_observer *observer);
/* Frees the run and every object it owns. */
void sl_rt_free(sl_rt *rt);
/* Tears down a run that started from an image (core/alloc.h; rt itself
 * is in it): what the run holds outside the image is freed, or kept in
 * `pool` for the next run (sl_heap_discard), and nothing else is done,
 * since the next restore puts every image block back as it was. No
 * clear or finalizer runs. The run is invalid until that restore. */
void sl_rt_discard(sl_rt *rt, sl_heap_pool *pool);
/* Before an image of the run is sealed: orders the run's list as the
 * image objects whose type has a `release` (in their order), then
 * rt->image_mark, then the others (in their order), so that
 * sl_rt_discard visits only the objects the run made and the image's own
 * that may hold memory outside the image, not the hundreds of others. */
void sl_rt_mark_image(sl_rt *rt);

/* Marks the run as failed at the C level and returns -1. */
int sl_rt_fatal(sl_rt *rt, sl_errcode code);
static inline int sl_nomem(sl_rt *rt) { return sl_rt_fatal(rt, SL_ENOMEM); }

/* Takes the pending exception (new reference to the caller); NULL if none. */
sl_obj *sl_err_fetch(sl_rt *rt);
/* Sets the pending exception, stealing `exc`; returns -1. */
int sl_err_restore(sl_rt *rt, sl_obj *exc);
/* Drops the pending exception. */
void sl_err_clear(sl_rt *rt);
/* Implicit exception chaining of the pending exception, as CPython's
 * _PyErr_SetObject does for every raise: its __context__ becomes the
 * exception being handled (rt->lang_handled_exc), cycles broken, and the
 * exception is marked chained (rt->exc_chained). For engine code that
 * stands for Python code raising, where the exception is not fresh (a
 * stored one raised again) or where the raise happens inside a handler
 * of the engine's own. */
void sl_err_chain(sl_rt *rt);
/* sl_err_restore for an exception whose __context__ the caller has set as
 * CPython's raise would (raised inside a handler of the engine's own):
 * marked chained. Steals `exc`; returns -1. */
int sl_err_restore_chained(sl_rt *rt, sl_obj *exc);
/* Sets exc.__context__ to `handled` (borrowed; NULL or exc itself: no
 * change), first cutting `exc` out of handled's own context chain so no
 * cycle forms (_PyErr_SetObject). */
void sl_exc_chain(sl_rt *rt, sl_obj *exc, sl_obj *handled);

#endif
